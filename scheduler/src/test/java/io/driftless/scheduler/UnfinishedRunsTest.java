package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.scheduler.testing.TestDatabases;
import io.driftless.scheduler.testing.TestRuns;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A fire that fails because the database is away can neither record its run nor mark it
 * interrupted; the environment's next fire does, before anything else.
 */
class UnfinishedRunsTest {

  @Test
  void runsAFailedFireCouldNotFinishAreMarkedInterruptedByTheNextFire() {
    EnvironmentName env = EnvironmentName.of("web");
    AtomicBoolean databaseAway = new AtomicBoolean(true);
    AtomicInteger calls = new AtomicInteger();
    List<RunId> interrupted = new CopyOnWriteArrayList<>();
    List<String> runningSwept = new CopyOnWriteArrayList<>();
    ReconcileFunction reconcile =
        request -> {
          calls.incrementAndGet();
          if (databaseAway.get()) {
            throw new IllegalStateException("connection refused");
          }
          return new ReconcileOutcome(
              request.run(),
              new RunResult(RunStatus.NO_OP, null, null, null, null, null, null, null));
        };
    InterruptedRuns marks =
        new InterruptedRuns() {
          @Override
          public int interruptRunning(EnvironmentName environment, String reason) {
            check();
            runningSwept.add(environment.value());
            return 1;
          }

          @Override
          public int interruptAllRunning(String reason) {
            return 0;
          }

          @Override
          public void interrupt(RunId run, String reason) {
            check();
            interrupted.add(run);
          }

          private void check() {
            if (databaseAway.get()) {
              throw new IllegalStateException("connection refused");
            }
          }
        };
    try (HikariDataSource dataSource = TestDatabases.h2Memory();
        EnvironmentScheduler scheduler =
            EnvironmentScheduler.open(
                SchedulerConfig.defaults()
                    .withThreads(2)
                    .withRetries(5, Duration.ofMillis(300), Duration.ofSeconds(1)),
                dataSource,
                new SchedulerPorts(reconcile, new TestRuns(), marks, null),
                Clock.systemUTC(),
                new PrometheusRegistry())) {
      scheduler.schedule(
          env,
          new SyncPolicy(
              true, false, false, false, new Schedule.Cron("0 0 0 1 1 ? 2099", null), List.of()));
      RunId run = scheduler.request(env, Trigger.api("alice", "sync"), null).run();
      scheduler.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 1);
      assertThat(interrupted).as("nothing can be marked while the database is away").isEmpty();

      databaseAway.set(false);

      await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.contains(run));
      assertThat(runningSwept).contains("web");
    }
  }
}
