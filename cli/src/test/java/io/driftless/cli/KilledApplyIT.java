package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.FaultFixtures;
import io.driftless.cli.testing.ServerProcess;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: {@code kill -9} of the server in the middle of a 6,000-file apply. While it applies, no
 * file in the root is partial and nothing staged shows among the files; after the restart, the next
 * run starts within 5 s and leaves exactly the managed files (each whole), the unmanaged ones, no
 * staging and no empty directory it made.
 */
class KilledApplyIT {
  private static final int FILES = 6_000;
  private static final int NEW_FILES = 600;
  private static final String STAGING = ".driftless-staging";

  @TempDir Path dir;

  /** Each file's content names its version and ends with a trailer, so a cut file shows. */
  static String content(String name, int version) {
    return "version "
        + version
        + " of "
        + name
        + "\n"
        + "x".repeat(1024)
        + "\nend "
        + version
        + "\n";
  }

  private static Map<String, String> version(int version) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      String name = String.format("conf.d/%02d/f%04d.conf", i / 100, i);
      files.put("env/" + name, content(name, version));
    }
    if (version == 2) {
      for (int i = 0; i < NEW_FILES; i++) {
        String name = String.format("new/%02d/n%04d.conf", i / 10, i);
        files.put("env/" + name, content(name, version));
      }
    }
    return files;
  }

  @Test
  void aServerKilledMidApplyLeavesWholeFilesAndTheNextRunCleansUp() throws Exception {
    Path root = dir.resolve("data/targets/web");
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"));
        ServerProcess server =
            ServerProcess.start(dir, "scheduler:\n  threads: 2\ngit:\n  allowLocalUrls: true\n")) {
      repo.commit(version(1), "v1");
      FaultFixtures.source(server, "site", repo.url());
      FaultFixtures.environment(
          server,
          "web",
          "site",
          "env",
          root,
          Map.of("auto", true, "prune", true, "interval", "1h"));
      JsonNode v1 = FaultFixtures.finished(server, FaultFixtures.sync(server, "web"));
      assertThat(v1.path("status").asText()).as(v1.toString()).isEqualTo("succeeded");
      Files.writeString(root.resolve("notes.txt"), "mine\n");
      Files.writeString(root.resolve("conf.d/00/local.conf"), "mine too\n");
      Files.createDirectories(root.resolve("made-by-hand"));
      Set<String> unmanaged = Set.of("notes.txt", "conf.d/00/local.conf", "made-by-hand/");

      repo.commit(version(2), "v2");
      Watcher watcher = new Watcher(root, unmanaged);
      Thread watching = new Thread(watcher, "watcher");
      watching.start();
      long killedRun = FaultFixtures.sync(server, "web");
      // The first rename of the plan: once it shows, the commit step is under way. Kill there.
      Path first = root.resolve("conf.d/00/f0000.conf");
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!Files.readString(first).startsWith("version 2") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      server.kill();
      watcher.stop();
      watching.join();

      assertThat(watcher.violations).as("seen while the apply ran").isEmpty();
      assertThat(watcher.scans.get()).isGreaterThan(0);
      Map<String, Integer> killed = versions(root, unmanaged);
      assertThat(killed.values()).as("the kill came mid-apply").contains(1, 2);
      assertThat(root.resolve(STAGING)).as("the kill left staging to clean up").exists();

      System.out.printf(
          "killed with %d files at version 1 and %d at version 2, after %d scans%n",
          killed.values().stream().filter(v -> v == 1).count(),
          killed.values().stream().filter(v -> v == 2).count(),
          watcher.scans.get());
      Instant up = server.restart();
      JsonNode run = FaultFixtures.finished(server, FaultFixtures.sync(server, "web"));

      // The killed run's job may be fired again at start, ahead of the sync asked for here: the
      // first run after the restart, whichever it is, starts within 5 s.
      assertThat(run.path("status").asText()).as(run.toString()).isIn("succeeded", "no_op");
      Instant started = null;
      for (JsonNode r : FaultFixtures.runs(server, "web")) {
        if (r.path("id").asLong() > killedRun && r.hasNonNull("startedAt")) {
          Instant at = Instant.parse(r.path("startedAt").asText());
          started = started == null || at.isBefore(started) ? at : started;
        }
      }
      assertThat(started).as("a run after the restart").isNotNull();
      System.out.printf(
          "the first run after the restart started %s after it%n", Duration.between(up, started));
      assertThat(Duration.between(up, started))
          .as("the first run after the restart starts within 5 s")
          .isLessThan(Duration.ofSeconds(5));
      Map<String, Integer> after = versions(root, unmanaged);
      assertThat(after).hasSize(FILES + NEW_FILES);
      assertThat(new TreeSet<>(after.values())).containsExactly(2);
      assertThat(tree(root))
          .as("the managed files, the unmanaged ones and their directories; nothing else")
          .containsExactlyInAnyOrderElementsOf(expectedTree(unmanaged));
    }
  }

  /** Version 2's files, the unmanaged paths, and every directory above them. */
  private static Set<String> expectedTree(Set<String> unmanaged) {
    Set<String> expected = new TreeSet<>(unmanaged);
    for (String key : version(2).keySet()) {
      String path = key.substring("env/".length());
      expected.add(path);
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        expected.add(path.substring(0, slash + 1));
      }
    }
    return expected;
  }

  /** Every managed file's version, checking each is whole and named as it should be. */
  private static Map<String, Integer> versions(Path root, Set<String> unmanaged)
      throws IOException {
    Map<String, Integer> versions = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String path : tree(root)) {
      if (path.endsWith("/") || unmanaged.contains(path) || path.startsWith(STAGING + "/")) {
        continue;
      }
      Integer version = wholeVersion(path, Files.readString(root.resolve(path)));
      if (version == null) {
        problems.add(path);
      } else {
        versions.put(path, version);
      }
    }
    assertThat(problems).as("partial or foreign files").isEmpty();
    return versions;
  }

  static Integer wholeVersion(String path, String text) {
    for (int version : new int[] {1, 2}) {
      if (text.equals(content(path, version))) {
        return version;
      }
    }
    return null;
  }

  /** Every path under {@code root}, relative; directories end with '/'. */
  static List<String> tree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
          .sorted()
          .toList();
    }
  }

  /**
   * Scans the root over and over while the apply runs, recording anything a reader should not see.
   */
  private static final class Watcher implements Runnable {
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final java.util.concurrent.atomic.AtomicInteger scans =
        new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Path root;
    private final Set<String> unmanaged;

    Watcher(Path root, Set<String> unmanaged) {
      this.root = root;
      this.unmanaged = unmanaged;
    }

    void stop() {
      running.set(false);
    }

    @Override
    public void run() {
      while (running.get()) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).forEach(this::check);
          scans.incrementAndGet();
        } catch (IOException | UncheckedIOException e) {
          // A directory vanished under the walk (staging emptied): scan again.
        }
      }
    }

    private void check(Path file) {
      String path = root.relativize(file).toString();
      if (path.startsWith(STAGING + "/") || unmanaged.contains(path)) {
        return;
      }
      try {
        if (wholeVersion(path, Files.readString(file)) == null && violations.size() < 20) {
          violations.add(path);
        }
      } catch (NoSuchFileException e) {
        // Renamed or removed between the listing and the read.
      } catch (IOException e) {
        violations.add(path + ": " + e);
      }
    }
  }
}
