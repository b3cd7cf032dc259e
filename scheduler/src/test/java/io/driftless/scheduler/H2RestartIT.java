package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.scheduler.testing.RecordingReconciler;
import io.driftless.scheduler.testing.RecordingReconciler.Record;
import io.driftless.scheduler.testing.TestDatabases;
import io.driftless.scheduler.testing.TestRuns;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On H2, schedules and queued requests survive a restart; runs left running are interrupted. */
class H2RestartIT {
  private static final Schedule NEVER = new Schedule.Cron("0 0 0 1 1 ? 2099", null);

  @TempDir Path dir;

  @Test
  void schedulesAndQueuedRequestsSurviveARestart() throws Exception {
    EnvironmentName kept = EnvironmentName.of("kept");
    RunId queued;
    try (HikariDataSource dataSource = TestDatabases.h2File(dir)) {
      RecordingReconciler.createTable(dataSource);
      try (EnvironmentScheduler first =
          open(dataSource, new RecordingReconciler(dataSource, "first"))) {
        first.schedule(kept, policy(NEVER));
        first.schedule(
            EnvironmentName.of("ticking"), policy(new Schedule.Interval(Duration.ofSeconds(1))));
        first.schedule(EnvironmentName.of("gone"), policy(NEVER));
        first.unschedule(EnvironmentName.of("gone"));
        // Never started: the request waits in the database.
        queued =
            first.request(kept, new Trigger(TriggerType.WEBHOOK, "github", "push"), null).run();
      }
      // What a process killed mid-run leaves behind.
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO recorded_runs (environment, instance, trigger_type, started_ms, status)"
                + " VALUES ('kept', 'first', 'SCHEDULE', 1, 'RUNNING')");
      }
    }

    try (HikariDataSource dataSource = TestDatabases.h2File(dir)) {
      RecordingReconciler recorder = new RecordingReconciler(dataSource, "second");
      try (EnvironmentScheduler second = open(dataSource, recorder)) {
        assertThat(second.scheduled())
            .containsExactly(EnvironmentName.of("kept"), EnvironmentName.of("ticking"));
        second.start();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    recorder.records("kept").stream().anyMatch(r -> "second".equals(r.instance())));
        List<Record> records = recorder.records("kept");
        assertThat(records.get(0).status())
            .as("left running by the dead process")
            .isEqualTo("INTERRUPTED");
        Record redone =
            records.stream().filter(r -> r.instance().equals("second")).findFirst().get();
        assertThat(redone.run()).isEqualTo(queued.value());
        assertThat(redone.triggerType()).isEqualTo("WEBHOOK");
        await().atMost(Duration.ofSeconds(4)).until(() -> recorder.calls("ticking") >= 1);
      }
    }
  }

  private static EnvironmentScheduler open(
      HikariDataSource dataSource, RecordingReconciler recorder) {
    return EnvironmentScheduler.open(
        SchedulerConfig.defaults().withThreads(2).withInstanceId("h2"),
        dataSource,
        new SchedulerPorts(recorder, new TestRuns(), recorder, null),
        Clock.systemUTC(),
        new PrometheusRegistry());
  }

  private static SyncPolicy policy(Schedule schedule) {
    return new SyncPolicy(true, false, false, false, schedule, List.of());
  }
}
