package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.desired;
import static io.driftless.engine.target.directory.DirectoryFixtures.environment;
import static io.driftless.engine.target.directory.DirectoryFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.TargetConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetFactoryTest {
  @TempDir Path tmp;
  private Path allowed;
  private DirectoryTargetFactory factory;

  @BeforeEach
  void setUp() throws IOException {
    allowed = Files.createDirectory(tmp.resolve("www"));
    factory = new DirectoryTargetFactory(List.of(allowed), Clock.systemUTC());
  }

  private DirectoryTarget open(Path root) {
    return factory.open(environment(TargetSpec.Directory.at(root)));
  }

  private static void assertRefused(Runnable open) {
    assertThatThrownBy(open::run)
        .isInstanceOfSatisfying(
            TargetConfigException.class,
            e -> assertThat(e.details()).containsEntry("field", "target.root"));
  }

  @Test
  void refusesARootOutsideTheAllowedRoots() throws IOException {
    assertRefused(() -> open(tmp.resolve("elsewhere")));
    assertRefused(() -> open(tmp.resolve("www2"))); // a sibling sharing the name's prefix
    assertRefused(() -> open(Path.of("/etc")));
    assertRefused(
        () ->
            new DirectoryTargetFactory(List.of(), Clock.systemUTC())
                .open(environment(TargetSpec.Directory.at(allowed.resolve("site")))));
  }

  @Test
  void refusesARootThatASymlinkLeadsOutOfTheAllowedRoot() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(allowed.resolve("escape"), outside);

    assertRefused(() -> open(allowed.resolve("escape")));
    assertRefused(() -> open(allowed.resolve("escape/not-yet-there")));
  }

  @Test
  void acceptsARootReachedThroughASymlinkedAllowedRoot() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("www-link"), allowed);
    DirectoryTargetFactory viaLink = new DirectoryTargetFactory(List.of(link), Clock.systemUTC());

    DirectoryTarget target =
        viaLink.open(environment(TargetSpec.Directory.at(allowed.resolve("site"))));

    assertThat(target.root()).isEqualTo(allowed.toRealPath().resolve("site"));
  }

  @Test
  void refusesARootThatIsAFile() throws IOException {
    Files.writeString(allowed.resolve("file"), "x");
    assertRefused(() -> open(allowed.resolve("file")));
  }

  @Test
  void createsAMissingRootOnFirstApply() {
    Path root = allowed.resolve("a/b/site");
    DirectoryTarget target = open(root);
    target.validate(desired(file("index.html", "hi")));
    assertThat(root).doesNotExist();

    target.apply(List.of(Change.create(file("index.html", "hi"))));

    assertThat(root.resolve("index.html")).hasContent("hi");
  }

  @Test
  void rootsSharingAMissingParentAreCreatedAtOnce() throws Exception {
    int roots = 8;
    CyclicBarrier start = new CyclicBarrier(roots);
    ExecutorService pool = Executors.newFixedThreadPool(roots);
    try {
      List<Future<?>> applies = new ArrayList<>();
      for (int i = 0; i < roots; i++) {
        DirectoryTarget target = open(allowed.resolve("shared/parent/site-" + i));
        applies.add(
            pool.submit(
                () -> {
                  start.await();
                  target.apply(List.of(Change.create(file("index.html", "hi"))));
                  return null;
                }));
      }
      for (Future<?> apply : applies) {
        apply.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < roots; i++) {
      assertThat(allowed.resolve("shared/parent/site-" + i + "/index.html")).hasContent("hi");
    }
  }

  @Test
  void checksTheRootAgainBeforeApplying() throws IOException {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path root = allowed.resolve("site");
    DirectoryTarget target = open(root);
    Files.createSymbolicLink(root, outside); // swapped in after the target was opened

    assertThatThrownBy(() -> target.apply(List.of(Change.create(file("x", "x")))))
        .isInstanceOf(ApplyException.class)
        .hasCauseInstanceOf(TargetConfigException.class);
    assertThat(outside).isEmptyDirectory();
  }
}
