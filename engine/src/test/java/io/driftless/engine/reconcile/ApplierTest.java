package io.driftless.engine.reconcile;

import static io.driftless.engine.reconcile.StepFixtures.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome.Result;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.memory.MemoryStore;
import io.driftless.engine.reconcile.Applier.Settled;
import io.driftless.engine.reconcile.Applier.Written;
import io.driftless.engine.reconcile.Planner.Planned;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The apply step alone, on the in-memory store and a scripted target. */
class ApplierTest {
  private static final EnvironmentName ENV = EnvironmentName.of("web");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final MemoryStore store = new MemoryStore(CLOCK);
  private final Applier applier = new Applier(store, store);
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final ScriptedTarget target = new ScriptedTarget();
  private HeldLease lease;

  private final Resource a = file("a.conf", "a");
  private final Resource b = file("b.conf", "b");
  private final Resource c = file("c.conf", "c");
  private final Resource handEdited = file("d.conf", "by hand");
  private final Change createA = Change.create(a);
  private final Change createB = Change.create(b);
  private final Change createC = Change.create(c);
  private final Change drift = Change.update(handEdited, file("d.conf", "d"), false, true);
  private final Plan plan =
      new Plan(
          List.of(createA, drift, createB, createC),
          List.of(ResourceKey.of("kept.conf")),
          List.of(drift.key()));
  private final Planned planned =
      new Planned(
          Inventory.of(Set.of(ResourceKey.of("kept.conf"), ResourceKey.of("d.conf"))),
          live(file("kept.conf", "kept"), handEdited),
          plan);

  /** Self-heal off: the drifted file is left alone. */
  private final Selection selection =
      SyncDecision.decide(
              SyncQuestion.ofRun(
                  TriggerType.SCHEDULE, SyncOptions.defaults(), SyncPolicy.defaults(), null))
          .select(plan);

  @BeforeEach
  void setUp() {
    lease = HeldLease.acquire(store, ENV, new Reconciler.Settings("test", null), heartbeats);
  }

  @AfterEach
  void tearDown() {
    lease.close();
    heartbeats.shutdownNow();
  }

  @Test
  void aFailedChangeSaysWhatWasAppliedAndTheInventoryKeepsIt() {
    target.failAt = createB;

    Written written = applier.write(target, planned, selection, lease, PhaseTimer.UNTIMED);

    assertThat(written.error().code()).isEqualTo("apply.failed");
    assertThat(written.outcomes())
        .extracting(o -> o.result())
        .containsExactly(Result.APPLIED, Result.SKIPPED, Result.FAILED, Result.NOT_ATTEMPTED);
    assertThat(target.applied).containsExactly(createA, createB, createC);
    assertThat(store.get(ENV).keys())
        .extracting(ResourceKey::value)
        .containsExactly("a.conf", "d.conf", "kept.conf");
  }

  @Test
  void aCompleteWriteSavesTheSnapshotAndTheInventoryThenAsksForHealth() {
    Written written = applier.write(target, planned, selection, lease, PhaseTimer.UNTIMED);
    assertThat(written.error()).isNull();
    assertThat(written.outcomes())
        .extracting(o -> o.result())
        .containsExactly(Result.APPLIED, Result.SKIPPED, Result.APPLIED, Result.APPLIED);

    RunId run = store.create(ENV, Trigger.schedule(), CLOCK.instant());
    DesiredState desired = desired(a, b, c, file("d.conf", "d"));
    Settled settled = applier.settle(target, desired, planned, run, lease, PhaseTimer.UNTIMED);

    assertThat(settled.error()).isNull();
    assertThat(settled.recordedHealth()).isEqualTo(Health.HEALTHY);
    assertThat(store.ofRun(run)).contains(Snapshot.of(desired));
    assertThat(store.get(ENV).keys())
        .as("prune is off, so the kept file stays managed")
        .extracting(ResourceKey::value)
        .containsExactly("a.conf", "b.conf", "c.conf", "d.conf", "kept.conf");
  }

  @Test
  void aFailedPostApplyIsRecordedDegradedAndHealthIsNotAsked() {
    target.postApply = new CommandResult("postApply", 2, false, Duration.ofMillis(5), "nope\n");
    RunId run = store.create(ENV, Trigger.schedule(), CLOCK.instant());

    Settled settled = applier.settle(target, desired(a), planned, run, lease, PhaseTimer.UNTIMED);

    assertThat(settled.error().code()).isEqualTo("target.post_apply");
    assertThat(settled.error().message()).isEqualTo("post-apply command exited 2");
    assertThat(settled.commands()).containsExactly(target.postApply);
    assertThat(settled.health()).isNull();
    assertThat(settled.recordedHealth()).isEqualTo(Health.DEGRADED);
    assertThat(target.healthAsked).isFalse();
  }

  @Test
  void anUnhealthyTargetFailsTheRunWithItsHealth() {
    target.health = new HealthReport(Health.DEGRADED, "still starting", "");
    RunId run = store.create(ENV, Trigger.schedule(), CLOCK.instant());

    Settled settled = applier.settle(target, desired(a), planned, run, lease, PhaseTimer.UNTIMED);

    assertThat(settled.error().code()).isEqualTo("target.unhealthy");
    assertThat(settled.error().message())
        .isEqualTo("target did not report healthy within 3s: still starting");
    assertThat(settled.recordedHealth()).isEqualTo(Health.DEGRADED);
  }

  private static DesiredState desired(Resource... resources) {
    return StepFixtures.desired(Revision.of("a".repeat(40)), resources);
  }

  private static LiveState live(Resource... resources) {
    return new LiveState(desired(resources).resources());
  }

  /** A target that records what it is asked and answers as scripted. */
  private static final class ScriptedTarget implements Target {
    final List<Change> applied = new ArrayList<>();
    Change failAt;
    CommandResult postApply;
    HealthReport health = HealthReport.healthy("ok");
    boolean healthAsked;

    @Override
    public void validate(DesiredState desired) {}

    @Override
    public LiveState read(Set<ResourceKey> keys) {
      return LiveState.empty();
    }

    @Override
    public void apply(List<Change> changes) {
      applied.addAll(changes);
      List<Change> done = new ArrayList<>();
      for (Change change : changes) {
        if (change.equals(failAt)) {
          throw new ApplyException(change, done, "disk full", null);
        }
        done.add(change);
      }
    }

    @Override
    public Optional<CommandResult> postApply() {
      return Optional.ofNullable(postApply);
    }

    @Override
    public HealthReport health(Duration timeout) {
      healthAsked = true;
      return health;
    }

    @Override
    public Duration healthTimeout() {
      return Duration.ofSeconds(3);
    }
  }
}
