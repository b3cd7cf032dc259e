package io.driftless.cli;

import static io.driftless.cli.testing.FaultFixtures.commitAndPush;
import static io.driftless.cli.testing.FaultFixtures.environment;
import static io.driftless.cli.testing.FaultFixtures.finished;
import static io.driftless.cli.testing.FaultFixtures.source;
import static io.driftless.cli.testing.FaultFixtures.sync;
import static io.driftless.cli.testing.FaultFixtures.workClone;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target's file system fills up in the middle of an apply: a 4 MiB tmpfs mounted as the root.
 * The run fails saying so, the old content is intact and nothing is left behind; once space is
 * freed the next run succeeds. Mounting needs root: elsewhere the test is skipped, but with {@code
 * CI=true} a failed mount fails it.
 */
class DiskFullIT {
  private static final String STAGING = ".driftless-staging";

  @TempDir Path dir;

  @Test
  void aFullDiskFailsTheRunCleanlyAndTheNextRunSucceedsOnceSpaceIsFreed() throws Exception {
    Path root = dir.resolve("data/targets/full");
    Files.createDirectories(root);
    mountTmpfs(root, "4m");
    try {
      Path work = workClone(dir.resolve("git/app.git"), dir.resolve("work"));
      Map<String, byte[]> one = new LinkedHashMap<>();
      for (int i = 0; i < 5; i++) {
        one.put("site/conf.d/" + i + ".conf", ("server " + i + " one\n").getBytes(UTF_8));
      }
      commitAndPush(work, "one", one);
      try (ServerProcess server =
          ServerProcess.start(dir, "scheduler:\n  threads: 2\ngit:\n  allowLocalUrls: true\n")) {
        source(server, "app", dir.resolve("git/app.git").toUri().toString());
        environment(server, "full", "app", "site", root, Map.of("auto", false));
        assertThat(finished(server, sync(server, "full")).path("status").asText())
            .isEqualTo("succeeded");
        Map<String, String> before = files(root);

        // Unmanaged: what else shares the disk. It leaves too little room for the new big file.
        Files.write(root.resolve("filler.bin"), new byte[3_000_000]);
        Map<String, byte[]> two = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
          two.put("site/conf.d/" + i + ".conf", ("server " + i + " two\n").getBytes(UTF_8));
        }
        byte[] big = new byte[1_500_000];
        Arrays.fill(big, (byte) 'x');
        two.put("site/assets/big.bin", big);
        commitAndPush(work, "two", two);

        JsonNode failed = finished(server, sync(server, "full"));

        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.toString().toLowerCase()).contains("no space left");
        Map<String, String> after = files(root);
        after.remove("filler.bin");
        assertThat(after).as("the old content, and nothing else").isEqualTo(before);
        assertThat(directories(root)).as("no directory left behind").isEqualTo(dirsOf(before));

        Files.delete(root.resolve("filler.bin"));
        JsonNode retried = finished(server, sync(server, "full"));

        assertThat(retried.path("status").asText()).as(retried.toString()).isEqualTo("succeeded");
        assertThat(Files.readString(root.resolve("conf.d/3.conf"))).isEqualTo("server 3 two\n");
        assertThat(Files.size(root.resolve("assets/big.bin"))).isEqualTo(big.length);
        assertThat(files(root).keySet())
            .containsExactlyInAnyOrder(
                "conf.d/0.conf",
                "conf.d/1.conf",
                "conf.d/2.conf",
                "conf.d/3.conf",
                "conf.d/4.conf",
                "assets/big.bin");
      }
    } finally {
      unmount(root);
    }
  }

  /** Every regular file under the root, staging included, by relative path (content of text). */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString();
        files.put(rel, p.getFileName().toString().endsWith(".bin") ? "" : Files.readString(p));
      }
    }
    return files;
  }

  /**
   * Directories under the root but the reserved staging one (its files count in {@link #files}).
   */
  private static java.util.Set<String> directories(Path root) throws IOException {
    java.util.Set<String> dirs = new java.util.TreeSet<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isDirectory).toList()) {
        String rel = root.relativize(p).toString();
        if (!rel.isEmpty() && !rel.equals("lost+found") && !rel.startsWith(STAGING)) {
          dirs.add(rel);
        }
      }
    }
    return dirs;
  }

  private static java.util.Set<String> dirsOf(Map<String, String> files) {
    java.util.Set<String> dirs = new java.util.TreeSet<>();
    for (String f : files.keySet()) {
      for (Path p = Path.of(f).getParent(); p != null; p = p.getParent()) {
        dirs.add(p.toString());
      }
    }
    return dirs;
  }

  private static void mountTmpfs(Path at, String size) throws Exception {
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(mount.getInputStream().readAllBytes(), UTF_8);
    if (mount.waitFor() != 0) {
      String why = "cannot mount a tmpfs (needs root): " + out.trim();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(why + " — required on CI");
      }
      Assumptions.abort(why);
    }
  }

  private static void unmount(Path at) throws Exception {
    new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start().waitFor();
  }
}
