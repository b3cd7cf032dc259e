package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.environment;
import static io.driftless.engine.target.directory.DirectoryFixtures.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStatCacheTest {
  private static final ContentHash HASH = ContentHash.ofBytes("x".getBytes(UTF_8));
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path tmp;
  private Path root;
  private MutableClock clock;
  private DirectoryTargetFactory factory;

  @BeforeEach
  void setUp() throws IOException {
    Path allowed = Files.createDirectory(tmp.resolve("allowed"));
    root = allowed.resolve("site");
    clock = new MutableClock(Instant.now());
    factory = new DirectoryTargetFactory(List.of(allowed), clock);
  }

  private DirectoryTarget open() {
    return factory.open(environment(TargetSpec.Directory.at(root)));
  }

  private static FileStat stat(Instant mtime, Instant ctime) {
    return new FileStat(1, nanos(mtime), nanos(ctime), 42, 0100644);
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Test
  void trustsAStatRecordedSafelyAfterTheFileChanged() {
    StatCache<FileStat> cache = new StatCache<FileStat>();
    FileStat stat = stat(T, T);
    cache.record("a", stat, HASH, T.plusSeconds(3));

    assertThat(cache.lookup("a", stat)).contains(HASH);
    assertThat(cache.lookup("a", new FileStat(1, nanos(T), nanos(T.plusMillis(1)), 42, 0100644)))
        .as("ctime moved")
        .isEmpty();
    assertThat(cache.lookup("a", new FileStat(1, nanos(T), nanos(T), 43, 0100644)))
        .as("inode changed")
        .isEmpty();
    assertThat(cache.lookup("b", stat)).isEmpty();
  }

  @Test
  void aRacilyCleanEntryIsNotTrusted() {
    StatCache<FileStat> cache = new StatCache<FileStat>();
    FileStat stat = stat(T, T);

    cache.record("a", stat, HASH, T.plusMillis(1500)); // within the racy window of the mtime
    assertThat(cache.lookup("a", stat)).isEmpty();

    cache.record("a", stat(T.minusSeconds(10), T), HASH, T.plusSeconds(1)); // ctime is racy
    assertThat(cache.lookup("a", stat(T.minusSeconds(10), T))).isEmpty();

    cache.record("a", stat, HASH, T.plusSeconds(3)); // hashed again later: now trusted
    assertThat(cache.lookup("a", stat)).contains(HASH);
  }

  @Test
  void aRacilyCleanFileIsHashedAgainThenTrusted() {
    DirectoryTarget target = open();
    List<Change> creates =
        IntStream.range(0, 50).mapToObj(i -> Change.create(file("f" + i, "content " + i))).toList();
    Set<ResourceKey> keys = Set.copyOf(creates.stream().map(Change::key).toList());
    target.apply(creates); // records the written files, racily: just written

    target.read(keys);
    assertThat(target.filesHashed()).as("racy entries are hashed again").isEqualTo(50);
    target.read(keys);
    assertThat(target.filesHashed()).as("still racy at the same instant").isEqualTo(100);

    clock.advance(Duration.ofSeconds(5));
    target.read(keys);
    assertThat(target.filesHashed()).as("hashed once more, now safely later").isEqualTo(150);

    DirectoryTarget next = open(); // the cache belongs to the root, not to one target
    assertThat(next.read(keys).resources()).hasSize(50);
    assertThat(next.filesHashed()).as("a no-op read hashes nothing").isZero();
  }

  @Test
  void seesAnEditThatKeepsSizeAndMtime() throws Exception {
    DirectoryTarget target = open();
    target.apply(List.of(Change.create(file("app.conf", "port=1111\n"))));
    ResourceKey key = ResourceKey.of("app.conf");
    Path file = root.resolve("app.conf");
    clock.advance(Duration.ofSeconds(5));
    target.read(Set.of(key)); // now trusted
    assertThat(open().read(Set.of(key)).get(key).hash())
        .isEqualTo(ContentHash.ofBytes("port=1111\n".getBytes(UTF_8)));
    long hashed = target.filesHashed();
    FileTime mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);

    // The filesystem's clock must move on for the ctime to differ: real time, not the test clock.
    Thread.sleep(20);
    Files.writeString(file, "port=2222\n");
    Files.setLastModifiedTime(file, mtime);
    assertThat(Files.size(file)).isEqualTo(10);
    assertThat(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)).isEqualTo(mtime);

    assertThat(target.read(Set.of(key)).get(key).hash())
        .isEqualTo(ContentHash.ofBytes("port=2222\n".getBytes(UTF_8)));
    assertThat(target.filesHashed()).isEqualTo(hashed + 1);
  }

  @Test
  void anApplyLeavesNoEntryItsWriteMadeRacy() {
    DirectoryTarget target = open();
    ResourceKey key = ResourceKey.of("app.conf");
    target.apply(List.of(Change.create(file("app.conf", "port=1111\n"))));
    clock.advance(Duration.ofSeconds(5));
    target.read(Set.of(key)); // trusted from now on
    assertThat(target.cachedFiles()).isEqualTo(1);

    target.apply(
        List.of(
            Change.update(
                target.read(Set.of(key)).get(key), file("app.conf", "port=2\n"), false, false)));

    // The rename has just changed the file: a stat recorded now could never be trusted, so the
    // apply records none (no lstat per written file) and drops the old one.
    assertThat(target.cachedFiles()).isZero();
    assertThat(target.read(Set.of(key)).get(key).hash())
        .isEqualTo(ContentHash.ofBytes("port=2\n".getBytes(UTF_8)));
  }

  @Test
  void holdsOnlyFilesThatAreThere() throws IOException {
    DirectoryTarget target = open();
    target.apply(List.of(Change.create(file("a", "a")), Change.create(file("b", "b"))));
    Set<ResourceKey> keys = Set.of(ResourceKey.of("a"), ResourceKey.of("b"));
    target.read(keys);
    assertThat(target.cachedFiles()).isEqualTo(2);

    target.apply(List.of(Change.delete(target.read(keys).get(ResourceKey.of("a")), false)));
    assertThat(target.cachedFiles()).isEqualTo(1);

    Files.delete(root.resolve("b")); // removed by hand
    assertThat(target.read(keys).resources()).isEmpty();
    assertThat(target.cachedFiles()).isZero();
  }
}
