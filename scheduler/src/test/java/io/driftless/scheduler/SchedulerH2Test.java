package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.driftless.engine.testing.MutableClock;
import io.driftless.scheduler.testing.RecordingReconciler;
import io.driftless.scheduler.testing.RecordingReconciler.Record;
import io.driftless.scheduler.testing.TestDatabases;
import io.driftless.scheduler.testing.TestRuns;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler on H2 with real Quartz, one node, short intervals. */
class SchedulerH2Test {
  /** A schedule that never fires during a test, for environments driven by requests. */
  private static final Schedule NEVER = new Schedule.Cron("0 0 0 1 1 ? 2099", null);

  private HikariDataSource dataSource;
  private RecordingReconciler recorder;
  private TestRuns runs;
  private final List<Auditor.WindowOverride> audits = new CopyOnWriteArrayList<>();
  private MutableClock clock;
  private PrometheusRegistry registry;
  private EnvironmentScheduler scheduler;

  @BeforeEach
  void open() throws Exception {
    dataSource = TestDatabases.h2Memory();
    RecordingReconciler.createTable(dataSource);
    recorder = new RecordingReconciler(dataSource, "h2");
    runs = new TestRuns();
    clock = new MutableClock(Instant.parse("2026-03-10T10:00:00Z"));
    open(Duration.ofMillis(200));
  }

  private void open(Duration retryBase) {
    registry = new PrometheusRegistry();
    SchedulerConfig config =
        SchedulerConfig.defaults()
            .withThreads(4)
            .withRetries(3, retryBase, retryBase.multipliedBy(10))
            .withBusyRetryDelay(Duration.ofMillis(200))
            .withInstanceId("h2-node");
    scheduler =
        EnvironmentScheduler.open(
            config,
            dataSource,
            new SchedulerPorts(recorder, runs, recorder, audits::add),
            clock,
            registry);
  }

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    dataSource.close();
  }

  private static EnvironmentName env(String name) {
    return EnvironmentName.of(name);
  }

  private static SyncPolicy policy(Schedule schedule, SyncWindow... windows) {
    return new SyncPolicy(true, false, false, false, schedule, List.of(windows));
  }

  @Test
  void intervalFiresUntilUnscheduled() throws Exception {
    scheduler.schedule(env("a"), policy(new Schedule.Interval(Duration.ofSeconds(1))));
    scheduler.start();
    await().atMost(Duration.ofSeconds(6)).until(() -> recorder.calls("a") >= 3);
    assertThat(recorder.records("a")).allMatch(r -> r.triggerType().equals("SCHEDULE"));
    assertThat(recorder.records("a")).allMatch(r -> r.run() == null);

    assertThat(scheduler.unschedule(env("a"))).isTrue();
    assertThat(scheduler.scheduled()).isEmpty();
    int after = recorder.calls("a");
    Thread.sleep(2_000);
    assertThat(recorder.calls("a")).isLessThanOrEqualTo(after + 1);
  }

  @Test
  void changingTheScheduleReplacesTheTriggerAndKeepingItKeepsItsPhase() {
    scheduler.schedule(env("a"), policy(NEVER));
    assertThat(scheduler.pendingTriggers(env("a"))).containsExactly("schedule");
    scheduler.schedule(env("a"), policy(NEVER));
    scheduler.schedule(env("a"), policy(new Schedule.Interval(Duration.ofMinutes(5))));
    assertThat(scheduler.pendingTriggers(env("a"))).containsExactly("schedule");
    assertThatThrownBy(
            () -> scheduler.schedule(env("a"), policy(new Schedule.Cron("not cron", null))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBurstOfWebhooksGivesAtMostTwoRunsTheLastAtTheNewestRevision() {
    AtomicInteger head = new AtomicInteger();
    // The first run lasts the whole burst, so the test does not depend on the machine's speed.
    java.util.concurrent.CountDownLatch burstOver = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean first =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    recorder
        .holding(
            name -> {
              if (first.getAndSet(false)) {
                try {
                  burstOver.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return Duration.ofMillis(50);
            })
        .resolving(() -> "rev-" + head.get());
    scheduler.schedule(env("hot"), policy(NEVER));
    scheduler.start();
    Set<RunId> answered = new HashSet<>();
    for (int i = 1; i <= 50; i++) {
      head.set(i);
      answered.add(
          scheduler
              .request(env("hot"), new Trigger(TriggerType.WEBHOOK, "github", "push"), null)
              .run());
      if (i == 10) {
        // Let the first run start mid-burst, as pushes trickle in.
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.calls("hot") >= 1);
      }
    }
    burstOver.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                scheduler.pendingTriggers(env("hot")).equals(List.of("schedule"))
                    && allEnded("hot"));
    List<Record> records = recorder.records("hot");
    assertThat(records).hasSizeBetween(1, 2);
    assertThat(records.get(records.size() - 1).revision()).isEqualTo("rev-50");
    assertThat(answered).hasSize(records.size());
    assertThat(runs.created()).hasSize(records.size());
  }

  @Test
  void aNewerRevisionReplacesTheWaitingOne() {
    scheduler.schedule(env("pin"), policy(NEVER));
    SyncOptions first = new SyncOptions("a".repeat(40), false, null, false);
    SyncOptions second = new SyncOptions("b".repeat(40), false, null, false);
    QueuedRun one = scheduler.request(env("pin"), Trigger.api("alice", "first"), first);
    QueuedRun two = scheduler.request(env("pin"), Trigger.api("bob", "second"), second);
    QueuedRun dry =
        scheduler.request(env("pin"), Trigger.api("bob", "dry"), SyncOptions.dryRunOnly());
    assertThat(two).isEqualTo(new QueuedRun(one.run(), true));
    assertThat(dry.run()).isNotEqualTo(one.run());
    scheduler.start();
    await().until(() -> recorder.calls("pin") == 2 && allEnded("pin"));
    assertThat(recorder.records("pin"))
        .extracting(Record::revision)
        .contains("b".repeat(40))
        .doesNotContain("a".repeat(40));
  }

  @Test
  void aRollbackGetsItsOwnRunLinkedToTheRestoredRun() {
    scheduler.schedule(env("back"), policy(NEVER));
    QueuedRun waiting = scheduler.request(env("back"), Trigger.api("alice", "sync"), null);
    QueuedRun rollback =
        scheduler.request(
            env("back"),
            new Trigger(TriggerType.ROLLBACK, "alice", "two is broken"),
            null,
            RunId.of(7));

    assertThat(rollback.coalesced()).isFalse();
    assertThat(rollback.run()).isNotEqualTo(waiting.run());
    assertThat(runs.created())
        .filteredOn(c -> c.id().equals(rollback.run()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.rollbackOf()).isEqualTo(RunId.of(7));
              assertThat(c.trigger().type()).isEqualTo(TriggerType.ROLLBACK);
            });
    assertThat(runs.created())
        .filteredOn(c -> c.id().equals(waiting.run()))
        .singleElement()
        .satisfies(c -> assertThat(c.rollbackOf()).isNull());
  }

  @Test
  void aFailureIsRetriedWithBackoffUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    recorder.answering(r -> calls.incrementAndGet() <= 2 ? RunStatus.FAILED : RunStatus.NO_OP);
    RunId first = startAndRequest("flaky");
    awaitEnded("flaky", 3, Duration.ofSeconds(5));
    List<Record> records = recorder.records("flaky");
    assertThat(records).extracting(Record::triggerType).containsExactly("API", "RETRY", "RETRY");
    assertThat(records.get(0).run()).isEqualTo(first.value());
    assertThat(records.get(1).run()).isNotNull().isNotEqualTo(first.value());
    assertThat(records.get(1).startedMs() - records.get(0).endedMs()).isGreaterThanOrEqualTo(190);
    assertThat(records.get(2).startedMs() - records.get(1).endedMs()).isGreaterThanOrEqualTo(390);
    assertThat(scheduler.pendingTriggers(env("flaky"))).containsExactly("schedule");
    CounterSnapshot retries = (CounterSnapshot) metric("driftless_scheduler_retries");
    assertThat(retries.getDataPoints().get(0).getValue()).isEqualTo(2.0);
  }

  @Test
  void retriesAreBounded() {
    recorder.answering(r -> RunStatus.FAILED);
    startAndRequest("broken");
    // 1 + 3 retries after 200, 400 and 800 ms.
    await().atMost(Duration.ofSeconds(6)).until(() -> recorder.calls("broken") == 4);
    await().until(() -> scheduler.pendingTriggers(env("broken")).equals(List.of("schedule")));
    assertThat(recorder.calls("broken")).isEqualTo(4);
  }

  @Test
  void aNewRequestSupersedesAPendingRetryAtOnce() {
    scheduler.close();
    open(Duration.ofSeconds(30));
    AtomicInteger head = new AtomicInteger(1);
    recorder
        .resolving(() -> "rev-" + head.get())
        .answering(r -> head.get() == 1 ? RunStatus.FAILED : RunStatus.SUCCEEDED);
    scheduler.schedule(env("fix"), policy(NEVER));
    scheduler.start();
    scheduler.request(env("fix"), new Trigger(TriggerType.WEBHOOK, "github", "push 1"), null);
    await().until(() -> scheduler.pendingTriggers(env("fix")).contains("retry"));

    head.set(2);
    scheduler.request(env("fix"), new Trigger(TriggerType.WEBHOOK, "github", "push 2"), null);
    awaitEnded("fix", 2, Duration.ofSeconds(3));
    assertThat(recorder.records("fix"))
        .extracting(Record::revision)
        .containsExactly("rev-1", "rev-2");
    assertThat(scheduler.pendingTriggers(env("fix"))).containsExactly("schedule");
  }

  @Test
  void aBusyLockFiresTheRequestAgainShortlyWithTheSameRun() {
    AtomicInteger calls = new AtomicInteger();
    recorder.answering(
        r -> {
          if (calls.incrementAndGet() == 1) {
            throw new EnvironmentBusyException(r.environment());
          }
          return RunStatus.SUCCEEDED;
        });
    RunId run = startAndRequest("busy");
    awaitEnded("busy", 2, Duration.ofSeconds(3));
    assertThat(recorder.records("busy")).extracting(Record::run).containsOnly(run.value());
  }

  @Test
  void anEnvironmentThatIsGoneLosesItsJob() {
    recorder.answering(
        r -> {
          throw new UnknownEnvironmentException("environment", r.environment().value());
        });
    scheduler.schedule(env("gone"), policy(new Schedule.Interval(Duration.ofSeconds(1))));
    scheduler.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.scheduled().isEmpty());
    assertThatThrownBy(() -> scheduler.request(env("gone"), Trigger.api("a", "b"), null))
        .isInstanceOf(UnknownEnvironmentException.class);
  }

  @Test
  void denyWindowHoldsAutomaticSyncsForceOverridesAndIsAudited() throws Exception {
    // Nights in Paris: 21:00-05:00 UTC in March.
    SyncWindow nights =
        new SyncWindow(
            SyncWindow.Kind.DENY, "0 0 22 * * ?", Duration.ofHours(8), ZoneId.of("Europe/Paris"));
    clock.set(Instant.parse("2026-03-10T21:30:00Z"));
    scheduler.schedule(env("w"), policy(new Schedule.Interval(Duration.ofSeconds(1)), nights));
    scheduler.start();

    RunId hook =
        scheduler.request(env("w"), new Trigger(TriggerType.WEBHOOK, "github", "push"), null).run();
    assertThatThrownBy(() -> scheduler.request(env("w"), Trigger.api("alice", "now"), null))
        .isInstanceOf(SyncWindowClosedException.class)
        .hasMessageContaining("2026-03-11T05:00:00Z");
    Thread.sleep(2_500);
    assertThat(recorder.calls("w")).as("scheduled checks and the webhook wait").isZero();
    assertThat(scheduler.pendingTriggers(env("w"))).contains("deferred");

    RunId forced =
        scheduler
            .request(
                env("w"), Trigger.api("alice", "hotfix"), new SyncOptions(null, false, null, true))
            .run();
    await().atMost(Duration.ofSeconds(3)).until(() -> recorder.calls("w") == 1);
    assertThat(recorder.records("w").get(0).run()).isEqualTo(forced.value());
    assertThat(audits)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.environment()).isEqualTo(env("w"));
              assertThat(a.run()).isEqualTo(forced);
              assertThat(a.actor()).isEqualTo("alice");
              assertThat(a.reason()).isEqualTo("hotfix");
            });

    clock.set(Instant.parse("2026-03-11T05:00:01Z"));
    await()
        .atMost(Duration.ofSeconds(3))
        .until(
            () -> recorder.records("w").stream().anyMatch(r -> r.triggerType().equals("SCHEDULE")));
    assertThat(hook).isNotNull();
  }

  @Test
  void allowWindowPermitsOnlyWhileOpen() throws Exception {
    SyncWindow office =
        new SyncWindow(SyncWindow.Kind.ALLOW, "0 0 9 ? * MON-FRI", Duration.ofHours(8), null);
    clock.set(Instant.parse("2026-03-10T18:00:00Z"));
    scheduler.schedule(env("o"), policy(new Schedule.Interval(Duration.ofSeconds(1)), office));
    scheduler.start();
    Thread.sleep(2_000);
    assertThat(recorder.calls("o")).isZero();
    clock.set(Instant.parse("2026-03-11T10:00:00Z"));
    await().atMost(Duration.ofSeconds(3)).until(() -> recorder.calls("o") >= 1);
  }

  @Test
  void metricsAreExposed() throws Exception {
    scheduler.schedule(env("m"), policy(new Schedule.Interval(Duration.ofSeconds(1))));
    scheduler.start();
    await().atMost(Duration.ofSeconds(4)).until(() -> recorder.calls("m") >= 1);
    GaugeSnapshot depth = (GaugeSnapshot) metric("driftless_scheduler_queue_depth");
    assertThat(depth.getDataPoints()).hasSize(1);
    assertThat(depth.getDataPoints().get(0).getValue()).isGreaterThanOrEqualTo(0);
    HistogramSnapshot lag = (HistogramSnapshot) metric("driftless_scheduler_lag_seconds");
    assertThat(lag.getDataPoints())
        .anySatisfy(
            p -> {
              assertThat(p.getLabels().get("trigger")).isEqualTo("schedule");
              assertThat(p.getCount()).isPositive();
            });
  }

  /** Schedules the environment with no timed trigger, starts the scheduler and asks for a run. */
  private RunId startAndRequest(String environment) {
    scheduler.schedule(env(environment), policy(NEVER));
    scheduler.start();
    return scheduler.request(env(environment), Trigger.api("alice", "go"), null).run();
  }

  /** Waits until the environment has had {@code calls} runs and all of them have ended. */
  private void awaitEnded(String environment, int calls, Duration atMost) {
    await()
        .atMost(atMost)
        .until(() -> recorder.calls(environment) == calls && allEnded(environment));
  }

  private boolean allEnded(String environment) {
    return recorder.records(environment).stream().allMatch(r -> r.endedMs() != null);
  }

  private MetricSnapshot metric(String name) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
