package io.driftless.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.testing.GitDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the fault tests share: a work repository pushed to a bare one, and registration calls. */
public final class FaultFixtures {
  private FaultFixtures() {}

  /** Clones {@code bare} into {@code work} (creating both as needed) with a committer set. */
  public static Path workClone(Path bare, Path work) throws IOException {
    Files.createDirectories(bare.getParent());
    if (!Files.isDirectory(bare.resolve("refs"))) {
      GitDaemon.git(
          bare.getParent(), "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
    }
    GitDaemon.git(bare.getParent(), "clone", "--quiet", bare.toString(), work.toString());
    GitDaemon.git(work, "config", "user.name", "Fault Test");
    GitDaemon.git(work, "config", "user.email", "faults@example.com");
    GitDaemon.git(work, "checkout", "--quiet", "-B", "main");
    return work;
  }

  /** Writes the files, commits and pushes to {@code main}; returns the commit. */
  public static String commitAndPush(Path work, String message, Map<String, byte[]> files)
      throws IOException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path file = work.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, f.getValue());
    }
    GitDaemon.git(work, "add", "-A");
    GitDaemon.git(work, "commit", "--quiet", "-m", message);
    GitDaemon.git(work, "push", "--quiet", "origin", "HEAD:main");
    return GitDaemon.git(work, "rev-parse", "HEAD").trim();
  }

  public static void source(ServerProcess server, String name, String url) {
    ServerProcess.Reply r = server.post("/api/v1/sources", Map.of("name", name, "url", url));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  public static void environment(
      ServerProcess server,
      String name,
      String source,
      String path,
      Path root,
      Map<String, Object> sync) {
    ServerProcess.Reply r =
        server.post(
            "/api/v1/environments",
            Map.of(
                "name",
                name,
                "source",
                source,
                "ref",
                "main",
                "path",
                path,
                "target",
                Map.of("type", "directory", "root", root.toString()),
                "sync",
                sync));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  /** Queues a sync; returns the run id. */
  public static long sync(ServerProcess server, String environment) {
    ServerProcess.Reply r =
        server.post(
            "/api/v1/environments/" + environment + "/sync", Map.of("reason", "fault test"));
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    return r.json().path("run").asLong();
  }

  /** The run once it is no longer queued or running. */
  public static JsonNode finished(ServerProcess server, long run) {
    JsonNode[] last = new JsonNode[1];
    // Three minutes: long enough for an apply of a thousand files on a slow machine.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofMinutes(3))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(
            () -> {
              last[0] = server.get("/api/v1/runs/" + run).json();
              String status = last[0].path("status").asText();
              return !status.equals("queued") && !status.equals("running");
            });
    return last[0];
  }

  /** The environment's runs, newest first (the first page). */
  public static List<JsonNode> runs(ServerProcess server, String environment) {
    List<JsonNode> runs = new ArrayList<>();
    server
        .get("/api/v1/environments/" + environment + "/runs?limit=100")
        .json()
        .path("items")
        .forEach(runs::add);
    return runs;
  }

  /** The sum of a metric's samples ({@code name value} or {@code name{labels} value}). */
  public static double metric(String exposition, String name) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
