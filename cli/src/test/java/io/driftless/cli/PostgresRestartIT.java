package io.driftless.cli;

import static io.driftless.cli.testing.FaultFixtures.commitAndPush;
import static io.driftless.cli.testing.FaultFixtures.environment;
import static io.driftless.cli.testing.FaultFixtures.source;
import static io.driftless.cli.testing.FaultFixtures.workClone;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.OwnPostgres;
import io.driftless.cli.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted under load: twenty environments sync every two seconds while commits keep
 * arriving, and the test stops and starts its own PostgreSQL. The server stays up, readiness goes
 * red then green, the scheduler resumes every environment, every run row ends in a final state and
 * no environment ever had two runs at once.
 */
class PostgresRestartIT {
  private static final int ENVIRONMENTS = 20;

  @TempDir Path dir;

  @Test
  void theServerRidesOutADatabaseRestartUnderLoad() throws Exception {
    try (OwnPostgres pg = OwnPostgres.start()) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(dir.resolve("secrets.key"), Base64.getEncoder().encodeToString(key));
      Path work = workClone(dir.resolve("git/app.git"), dir.resolve("work"));
      commitAndPush(work, "0", Map.of("site/index.html", "0\n".getBytes(UTF_8)));
      String config =
          "database:\n  url: "
              + pg.jdbcUrl()
              + "\n  poolSize: 20\n  keyFile: "
              + dir.resolve("secrets.key")
              + "\nscheduler:\n  threads: 10\n  retryBaseDelay: 1s\n"
              + "git:\n  allowLocalUrls: true\n";
      try (ServerProcess server = ServerProcess.start(dir, config)) {
        source(server, "app", dir.resolve("git/app.git").toUri().toString());
        for (int i = 0; i < ENVIRONMENTS; i++) {
          environment(
              server,
              "env-" + i,
              "app",
              "site",
              dir.resolve("data/targets/env-" + i),
              Map.of("auto", true, "interval", "2s"));
        }
        AtomicBoolean pushing = new AtomicBoolean(true);
        Thread pusher = new Thread(() -> push(work, pushing), "pusher");
        pusher.start();
        try {
          await().atMost(Duration.ofSeconds(60)).until(() -> allSyncedSince(server, null));

          Instant halted = Instant.now();
          pg.halt();
          await()
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> server.adminStatus("/healthcheck") == 500);
          Thread.sleep(Math.max(0, 4_000 - Duration.between(halted, Instant.now()).toMillis()));
          pg.begin();
          Instant back = Instant.now();
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(200))
              .until(() -> server.adminStatus("/healthcheck") == 200);
          System.out.println(
              "PostgresRestartIT: ready again "
                  + Duration.between(back, Instant.now())
                  + " after PostgreSQL came back");
          assertThat(server.alive()).as("the server stayed up").isTrue();
          await().atMost(Duration.ofSeconds(60)).until(() -> allSyncedSince(server, back));
        } finally {
          pushing.set(false);
          pusher.join();
        }
        assertThat(server.alive()).isTrue();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(unfinished(pg)).isEmpty());
        assertThat(overlaps(pg)).as("runs of one environment at the same time").isEmpty();
        assertThat(count(pg)).as("runs recorded").isGreaterThan(ENVIRONMENTS);
      }
    }
  }

  /** Commits a new index.html every second until told to stop. */
  private static void push(Path work, AtomicBoolean pushing) {
    int n = 1;
    while (pushing.get()) {
      try {
        commitAndPush(work, "" + n, Map.of("site/index.html", (n + "\n").getBytes(UTF_8)));
        n++;
        Thread.sleep(1_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Every environment applied something, and after {@code since} when given. */
  private static boolean allSyncedSince(ServerProcess server, Instant since) {
    JsonNode items = server.get("/api/v1/environments?limit=100").json().path("items");
    int synced = 0;
    for (JsonNode env : items) {
      JsonNode last = env.path("lastRun");
      boolean ok =
          !env.path("state").path("syncedRevision").isNull()
              && (since == null
                  || (last.path("finishedAt").isTextual()
                      && Instant.parse(last.path("finishedAt").asText()).isAfter(since)
                      && last.path("status").asText().equals("succeeded")));
      synced += ok ? 1 : 0;
    }
    return synced == ENVIRONMENTS;
  }

  private static List<String> unfinished(OwnPostgres pg) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT id, status FROM runs WHERE UPPER(status) IN ('QUEUED', 'RUNNING')")) {
      while (r.next()) {
        rows.add(r.getLong(1) + " " + r.getString(2));
      }
    }
    return rows;
  }

  private static long count(OwnPostgres pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM runs")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Pairs of runs of one environment whose [started, finished] intervals overlap. */
  private static List<String> overlaps(OwnPostgres pg) throws Exception {
    List<String> overlaps = new ArrayList<>();
    Map<Long, long[]> last = new HashMap<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT id, environment_id, started_at, finished_at FROM runs WHERE UPPER(status) <>"
                    + " 'INTERRUPTED' AND started_at IS"
                    + " NOT NULL AND finished_at IS NOT NULL ORDER BY environment_id, started_at")) {
      while (r.next()) {
        long id = r.getLong(1);
        long env = r.getLong(2);
        Timestamp started = r.getTimestamp(3);
        Timestamp finished = r.getTimestamp(4);
        long[] previous = last.get(env);
        if (previous != null && started.getTime() < previous[1]) {
          overlaps.add("run " + previous[0] + " and run " + id);
        }
        last.put(env, new long[] {id, finished.getTime()});
      }
    }
    return overlaps;
  }
}
