package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks.Lease;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.scheduler.AbandonedLeases.Checkin;
import io.driftless.scheduler.testing.TestDatabases;
import io.driftless.scheduler.testing.TestRuns;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AbandonedLeasesTest {
  private static final Schedule NEVER = new Schedule.Cron("0 0 0 1 1 ? 2099", null);
  private static final Duration TTL = Duration.ofSeconds(60);

  /** A clustered node checking in every 7 s, as the two liveness tests see it. */
  private static final SchedulerConfig NODE_A =
      SchedulerConfig.defaults()
          .withClustered(true, Duration.ofSeconds(7))
          .withInstanceId("node-a");

  @Test
  void aRestartedSingleNodeBreaksThePreviousProcesssLeaseAndRunsAtOnce() {
    EnvironmentName env = EnvironmentName.of("web");
    MemoryStore locks = new MemoryStore(Clock.systemUTC());
    // Left by the process that was killed mid-run: held for most of a minute yet.
    Lease stale = locks.tryAcquire(env, "node#1-previous", TTL).orElseThrow();
    SchedulerConfig config = SchedulerConfig.defaults().withThreads(2).withInstanceId("node");
    AtomicInteger busy = new AtomicInteger();
    AtomicLong ranAt = new AtomicLong();
    ReconcileFunction reconcile =
        request -> {
          Lease lease =
              locks
                  .tryAcquire(request.environment(), config.leaseOwner(), TTL)
                  .orElseThrow(
                      () -> {
                        busy.incrementAndGet();
                        return new EnvironmentBusyException(request.environment());
                      });
          ranAt.set(System.currentTimeMillis());
          locks.release(lease);
          return new ReconcileOutcome(
              request.run(),
              new RunResult(RunStatus.NO_OP, null, null, null, null, null, null, null));
        };
    try (HikariDataSource dataSource = TestDatabases.h2Memory();
        EnvironmentScheduler scheduler =
            EnvironmentScheduler.open(
                config,
                dataSource,
                new SchedulerPorts(reconcile, new TestRuns(), null, null, locks),
                Clock.systemUTC(),
                new PrometheusRegistry())) {
      scheduler.schedule(env, new SyncPolicy(true, false, false, false, NEVER, List.of()));
      scheduler.request(env, Trigger.api("alice", "after the crash"), null);

      long started = System.currentTimeMillis();
      scheduler.start();

      await().atMost(Duration.ofSeconds(5)).until(() -> ranAt.get() != 0);
      assertThat(ranAt.get() - started).isLessThan(5_000);
      assertThat(busy.get()).as("attempts that found the lease taken").isZero();
      assertThat(locks.renew(stale, TTL)).as("the previous process's lease").isEmpty();
    }
  }

  @Test
  void aClusteredNodeDeemsAliveItselfAndTheNodesThatCheckedInRecently() {
    Predicate<String> alive =
        aliveAfterSilences(Map.of("node-a", 1_000L, "node-b", 14_000L, "node-c", 15_000L));

    assertThat(alive.test(NODE_A.leaseOwner())).isTrue();
    assertThat(alive.test("node-b#7-x")).as("within interval plus 7.5 s").isTrue();
    assertThat(alive.test("node-c#7-x")).as("declared dead by Quartz").isFalse();
    assertThat(alive.test("node-d#7-x")).as("recovered by Quartz: no row left").isFalse();
    assertThat(alive.test("node-a#7-earlier")).as("this node's previous process").isFalse();
    assertThat(alive.test("node-b")).as("an owner that names no process").isTrue();
  }

  @Test
  void aNodeThatStalledItselfDoesNotCondemnTheOthers() {
    // node-a was paused for 30 s: node-b's silence over that time proves nothing.
    Predicate<String> alive = aliveAfterSilences(Map.of("node-a", 30_000L, "node-b", 25_000L));

    assertThat(alive.test("node-b#7-x")).isTrue();
  }

  /** Whom NODE_A deems alive when each node last checked in so many ms ago, every 7 s. */
  private static Predicate<String> aliveAfterSilences(Map<String, Long> silenceMs) {
    long now = 1_000_000;
    Map<String, Checkin> checkins = new HashMap<>();
    silenceMs.forEach((node, ms) -> checkins.put(node, new Checkin(now - ms, 7_000)));
    return new AbandonedLeases(NODE_A, null, null).alive(checkins, now);
  }
}
