package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.environment;
import static io.driftless.engine.target.directory.DirectoryFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.directory.DirectoryFixtures.MovableClock;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 10,000 files cost: apply (fsync per file and directory), the first read (hashes), and a
 * no-op read (stat cache). A measurement, not a check: run with {@code -Ddriftless.measure=true}.
 */
class DirectoryTargetApplyCostTest {
  private static final int FILES = 10_000;

  @TempDir Path tmp;

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("driftless.measure"), "set -Ddriftless.measure=true");
    Path allowed = Files.createDirectory(tmp.resolve("allowed"));
    MovableClock clock = new MovableClock(Instant.now());
    DirectoryTarget target =
        new DirectoryTargetFactory(List.of(allowed), clock)
            .open(environment(TargetSpec.Directory.at(allowed.resolve("site"))));
    List<Change> creates =
        IntStream.range(0, FILES)
            .mapToObj(
                i ->
                    Change.create(file("d" + (i % 100) + "/f" + i + ".conf", "x".repeat(1000) + i)))
            .toList();
    Set<ResourceKey> keys = Set.copyOf(creates.stream().map(Change::key).toList());

    long applyMs = millis(() -> target.apply(creates));
    // Past the racy window of the last file written, on the real clock.
    clock.advance(Duration.between(clock.instant(), Instant.now().plusSeconds(5)));
    long firstReadMs = millis(() -> target.read(keys));
    long noOpReadMs = millis(() -> target.read(keys));
    assertThat(target.filesHashed()).isEqualTo(FILES);

    // The bare syscalls, for comparison: fsync of a small file, and of a directory.
    Path probe = tmp.resolve("probe");
    long fileSyncNs;
    long dirSyncNs;
    try (FileChannel channel =
        FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long start = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        channel.write(ByteBuffer.wrap(new byte[] {(byte) i}), 0);
        channel.force(true);
      }
      fileSyncNs = (System.nanoTime() - start) / 500;
    }
    long start = System.nanoTime();
    for (int i = 0; i < 500; i++) {
      Files.writeString(tmp.resolve("entry" + i), "x");
      try (FileChannel dir = FileChannel.open(tmp, StandardOpenOption.READ)) {
        dir.force(true);
      }
    }
    dirSyncNs = (System.nanoTime() - start) / 500;

    System.out.printf(
        "MEASURE %d files: apply %d ms (%.2f ms/file), first read %d ms, no-op read %d ms;"
            + " bare fsync file %.3f ms, dir %.3f ms%n",
        FILES,
        applyMs,
        applyMs / (double) FILES,
        firstReadMs,
        noOpReadMs,
        fileSyncNs / 1e6,
        dirSyncNs / 1e6);
  }

  private static long millis(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
