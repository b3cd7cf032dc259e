package io.driftless.cli;

import static io.driftless.cli.testing.FaultFixtures.commitAndPush;
import static io.driftless.cli.testing.FaultFixtures.environment;
import static io.driftless.cli.testing.FaultFixtures.finished;
import static io.driftless.cli.testing.FaultFixtures.metric;
import static io.driftless.cli.testing.FaultFixtures.runs;
import static io.driftless.cli.testing.FaultFixtures.source;
import static io.driftless.cli.testing.FaultFixtures.sync;
import static io.driftless.cli.testing.FaultFixtures.workClone;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.ServerProcess;
import io.driftless.engine.testing.GitDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git server goes away ({@code git daemon} stopped) and comes back: runs fail with a typed
 * "unreachable" error and apply nothing, retries back off, the API stays healthy, and the first
 * retry after Git returns applies the new commit.
 */
class GitServerDownIT {
  @TempDir Path dir;

  @Test
  void runsFailUnreachableAndBackOffWhileGitIsDownThenRecover() throws Exception {
    Path base = dir.resolve("git");
    GitDaemon daemon = GitDaemon.serve(base);
    int port = daemon.port();
    Path work = workClone(base.resolve("app.git"), dir.resolve("work"));
    commitAndPush(work, "one", Map.of("site/index.html", "one\n".getBytes(UTF_8)));
    try (ServerProcess server =
        ServerProcess.start(
            dir,
            "scheduler:\n  threads: 2\n  maxRetries: 4\n  retryBaseDelay: 1s\n"
                + "git:\n  timeout: 5s\n")) {
      source(server, "app", daemon.url("app.git"));
      Path target = dir.resolve("data/targets/web");
      environment(server, "web", "app", "site", target, Map.of("auto", true, "interval", "1h"));
      assertThat(finished(server, sync(server, "web")).path("status").asText())
          .isEqualTo("succeeded");

      daemon.close();
      String two = commitAndPush(work, "two", Map.of("site/index.html", "two\n".getBytes(UTF_8)));
      double retriesBefore = metric(server.metrics(), "driftless_scheduler_retries_total");
      Instant down = Instant.now();
      JsonNode failed = finished(server, sync(server, "web"));

      assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
      assertThat(failed.path("error").path("code").asText()).isEqualTo("git.unreachable");
      assertThat(failed.path("counts").path("applied").asInt()).isZero();
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("one\n");
      // Retries 1, 2 and 3 fail one, two and four seconds apart.
      await().atMost(Duration.ofSeconds(30)).until(() -> retries(server).size() >= 3);
      List<JsonNode> retries = retries(server);
      assertThat(retries).allMatch(r -> r.path("status").asText().equals("failed"));
      long gap1 = gap(retries.get(0), retries.get(1));
      long gap2 = gap(retries.get(1), retries.get(2));
      assertThat(gap2).as("backoff: %d ms then %d ms", gap1, gap2).isGreaterThan(gap1 + 500);
      assertThat(metric(server.metrics(), "driftless_scheduler_retries_total"))
          .isGreaterThanOrEqualTo(retriesBefore + 3);
      assertThat(metric(server.metrics(), "driftless_git_failures_total")).isPositive();
      assertThat(server.adminStatus("/healthcheck")).as("healthy while Git is down").isEqualTo(200);
      assertThat(server.get("/api/v1/environments").status()).isEqualTo(200);
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("one\n");

      daemon = GitDaemon.serve(base, port);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server
                      .get("/api/v1/environments/web")
                      .json()
                      .path("state")
                      .path("syncedRevision")
                      .asText()
                      .equals(two));
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("two\n");
      System.out.println(
          "GitServerDownIT: outage to recovery " + Duration.between(down, Instant.now()));
    } finally {
      daemon.close();
    }
  }

  private static List<JsonNode> retries(ServerProcess server) {
    List<JsonNode> retries = new ArrayList<>();
    for (JsonNode run : runs(server, "web")) {
      if (run.path("trigger").path("type").asText().equals("retry")
          && run.path("startedAt").isTextual()
          && !run.path("status").asText().equals("running")) {
        retries.add(run);
      }
    }
    retries.sort(Comparator.comparing(r -> Instant.parse(r.path("startedAt").asText())));
    return retries;
  }

  private static long gap(JsonNode earlier, JsonNode later) {
    return Duration.between(
            Instant.parse(earlier.path("startedAt").asText()),
            Instant.parse(later.path("startedAt").asText()))
        .toMillis();
  }
}
