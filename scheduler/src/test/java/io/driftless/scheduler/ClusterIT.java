package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks.Lease;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.scheduler.testing.ClusterNode;
import io.driftless.scheduler.testing.RecordingReconciler;
import io.driftless.scheduler.testing.RecordingReconciler.Record;
import io.driftless.scheduler.testing.TestDatabases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scheduler nodes on the real PostgreSQL, the second in a child JVM, with a reconciler that
 * only records. Each test gets its own schema.
 */
class ClusterIT {
  private static final Schedule NEVER = new Schedule.Cron("0 0 0 1 1 ? 2099", null);

  @TempDir Path temp;
  private String baseUrl;
  private String url;
  private HikariDataSource dataSource;
  private Process child;

  @BeforeEach
  void schema() throws Exception {
    baseUrl = TestDatabases.postgresUrl();
    url = TestDatabases.newSchema(baseUrl, "sched_cluster");
    dataSource = TestDatabases.pool(url, 12);
    RecordingReconciler.createTable(dataSource);
    // Both nodes migrate at once otherwise; the first would win anyway, via Flyway's lock.
    QuartzTables.migrate(dataSource);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (dataSource != null) {
      dataSource.close();
      TestDatabases.dropSchema(baseUrl, url);
    }
  }

  @Test
  void twoNodesShareTwentyEnvironmentsWithoutOverlapOrDuplicates() throws Exception {
    List<EnvironmentName> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add(EnvironmentName.of("env-" + i));
    }
    long started;
    long stopped;
    try (EnvironmentScheduler a = ClusterNode.open(dataSource, "node-a", "")) {
      for (EnvironmentName name : names) {
        a.schedule(name, policy(new Schedule.Interval(Duration.ofSeconds(2))));
      }
      child = startChild("node-b", "");
      a.start();
      started = System.currentTimeMillis();
      Thread.sleep(30_000);
      stopped = System.currentTimeMillis();
    }
    child.destroy();
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

    List<Record> records = RecordingReconciler.records(dataSource);
    assertThat(records).allMatch(r -> r.endedMs() != null, "every run ended");
    Map<String, List<Record>> byEnvironment =
        records.stream().collect(Collectors.groupingBy(Record::environment));
    assertThat(byEnvironment).hasSize(20);
    long expected = (stopped - started) / 2_000;
    for (Map.Entry<String, List<Record>> e : byEnvironment.entrySet()) {
      List<Record> runs = e.getValue();
      runs.sort((x, y) -> Long.compare(x.startedMs(), y.startedMs()));
      for (int i = 1; i < runs.size(); i++) {
        assertThat(runs.get(i).startedMs())
            .as("%s run %d starts after run %d ended", e.getKey(), i, i - 1)
            .isGreaterThanOrEqualTo(runs.get(i - 1).endedMs());
      }
      assertThat(runs.size())
          .as("runs of %s", e.getKey())
          .isGreaterThanOrEqualTo((int) expected - 2);
    }
    Set<String> fires = new HashSet<>();
    for (Record r : records) {
      assertThat(fires.add(r.fire())).as("fire %s recorded once", r.fire()).isTrue();
    }
    assertThat(records).extracting(Record::instance).contains("node-a", "node-b");
  }

  @Test
  void aKilledNodesRunIsMarkedInterruptedAndRedoneBySurvivor() throws Exception {
    EnvironmentName slow = EnvironmentName.of("slow");
    try (EnvironmentScheduler a = ClusterNode.open(dataSource, "node-a", "")) {
      a.schedule(slow, policy(NEVER));
      child = startChild("node-b", "slow");
      // Only the child runs yet, so it picks the request up.
      RunId run = a.request(slow, Trigger.api("alice", "deploy"), null).run();
      await().atMost(Duration.ofSeconds(20)).until(() -> !recordsOf("slow").isEmpty());
      Record first = recordsOf("slow").get(0);
      assertThat(first.instance()).isEqualTo("node-b");
      assertThat(first.run()).isEqualTo(run.value());
      a.start();

      long killed = System.currentTimeMillis();
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> recordsOf("slow").stream().anyMatch(r -> r.instance().equals("node-a")));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "no takeover; " + quartzState() + " records " + recordsOf("slow"), e);
      }
      Record redo =
          recordsOf("slow").stream().filter(r -> r.instance().equals("node-a")).findFirst().get();
      long takeover = redo.startedMs() - killed;
      System.out.println("takeover after SIGKILL: " + takeover + " ms");
      assertThat(takeover).isLessThan(15_000);
      assertThat(recordsOf("slow").get(0).status()).isEqualTo("INTERRUPTED");
      assertThat(redo.triggerType()).isEqualTo("RETRY");
      assertThat(redo.run()).isNotEqualTo(run.value());
      await()
          .until(
              () ->
                  recordsOf("slow").stream()
                      .allMatch(r -> r.endedMs() != null || r.status().equals("INTERRUPTED")));
    }
  }

  @Test
  void aKilledNodesLeaseIsBrokenOnceQuartzDeclaresItDeadAndItsHolderFencedOff() throws Exception {
    EnvironmentName env = EnvironmentName.of("held");
    MemoryStore locks = new MemoryStore(Clock.systemUTC());
    // What node-b's reconciler holds mid-run; a lease outlives a quick takeover on its own.
    Lease held = locks.tryAcquire(env, "node-b#1-child", Duration.ofMinutes(10)).orElseThrow();
    child = startChild("node-b", "");
    try (EnvironmentScheduler a = ClusterNode.open(dataSource, "node-a", "", locks)) {
      a.start();
      Thread.sleep(3_000);
      assertThat(locks.renew(held, Duration.ofMinutes(10)))
          .as("a live node keeps its lease through several sweeps")
          .isPresent();

      long killed = System.currentTimeMillis();
      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> locks.tryAcquire(env, "node-a#test", Duration.ofMinutes(1)).isPresent());
      long broken = System.currentTimeMillis() - killed;
      System.out.println("lease of the killed node broken after " + broken + " ms");
      // Quartz's rule: 1 s check-in interval plus 7.5 s, then at most one sweep.
      assertThat(broken).isBetween(5_000L, 15_000L);
      assertThat(locks.renew(held, Duration.ofMinutes(10)))
          .as("the dead node's lease, should it wake up")
          .isEmpty();
    }
  }

  private String quartzState() throws java.sql.SQLException {
    StringBuilder out = new StringBuilder();
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state",
              "SELECT instance_name, trigger_group, trigger_name, state FROM qrtz_fired_triggers",
              "SELECT trigger_group, trigger_name, trigger_state FROM qrtz_triggers")) {
        try (java.sql.ResultSet r = s.executeQuery(sql)) {
          while (r.next()) {
            out.append(r.getString(1))
                .append(' ')
                .append(r.getString(2))
                .append(' ')
                .append(r.getString(3))
                .append("; ");
          }
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private List<Record> recordsOf(String environment) {
    return new RecordingReconciler(dataSource, "reader").records(environment);
  }

  private static SyncPolicy policy(Schedule schedule) {
    return new SyncPolicy(true, false, false, false, schedule, List.of());
  }

  private Process startChild(String instance, String slow) throws Exception {
    Path log = temp.resolve(instance + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNode.class.getName(),
                url,
                instance,
                slow)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process = builder.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError("child node died:\n" + Files.readString(log));
              }
              return Files.readString(log).contains(ClusterNode.READY);
            });
    System.out.println(
        "child node "
            + instance
            + " log: "
            + log
            + " ("
            + new File(log.toString()).length()
            + " bytes)");
    return process;
  }
}
