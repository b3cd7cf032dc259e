package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.port.EnvironmentLocks.Lease;
import io.driftless.engine.port.memory.MemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rollback step alone: it pins and returns the next request; it never runs it. */
class AutomaticRollbackTest {
  private static final EnvironmentName ENV = EnvironmentName.of("web");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Revision GOOD = Revision.of("1".repeat(40));
  private static final Revision BAD = Revision.of("2".repeat(40));
  private static final RunError UNHEALTHY =
      new RunError("target.unhealthy", "probe failed", Map.of());

  private final MemoryStore store = new MemoryStore(CLOCK);
  private final List<Pin> pinned = new ArrayList<>();
  private final AutomaticRollback rollback =
      new AutomaticRollback(
          EnginePorts.of(store),
          CLOCK,
          new RunObserver() {
            @Override
            public void pinned(EnvironmentName environment, Pin pin) {
              pinned.add(pin);
            }
          });
  private Lease lease;

  @BeforeEach
  void setUp() {
    store.put(Source.of(SourceName.of("site"), "https://git.example/site.git"));
    lease = store.tryAcquire(ENV, "test", Duration.ofMinutes(1)).orElseThrow();
  }

  private Environment environment(boolean autoRollback) {
    Environment environment =
        new Environment(
            ENV,
            SourceName.of("site"),
            "main",
            "env/web",
            null,
            Variables.none(),
            TargetSpec.Directory.at(Path.of("/srv/web")),
            new SyncPolicy(true, false, false, autoRollback, null, null));
    store.put(environment);
    return environment;
  }

  /** A run that applied {@code desired} and ended as {@code result} says. */
  private RunId applied(DesiredState desired, RunResult result) {
    RunId run = store.create(ENV, Trigger.schedule(), CLOCK.instant());
    store.save(lease, run, desired);
    store.complete(run, lease, result, CLOCK.instant());
    return run;
  }

  @Test
  void afterAFailedHealthItPinsTheLastHealthySnapshotAndReturnsTheRollbackRun() {
    Environment environment = environment(true);
    RunId healthy = applied(desired(GOOD, "v1"), RunResult.succeeded(GOOD));
    DesiredState broken = desired(BAD, "v2");
    RunId failed = applied(broken, RunResult.failed(BAD, UNHEALTHY));

    Optional<ReconcileRequest> next =
        rollback.after(environment, TriggerType.WEBHOOK, failed, BAD, broken, UNHEALTHY);

    assertThat(next).isPresent();
    assertThat(next.get().trigger().type()).isEqualTo(TriggerType.AUTO_ROLLBACK);
    assertThat(next.get().trigger().reason())
        .isEqualTo(
            "health failed after run " + failed + " applied " + BAD.shortId() + ": probe failed");
    assertThat(store.rollbackOf(next.get().run())).contains(healthy);
    Pin pin = store.state(ENV).pin();
    assertThat(pin.revision()).isEqualTo(GOOD);
    assertThat(pin.automatic()).isTrue();
    assertThat(pin.snapshotRun()).isEqualTo(healthy);
    assertThat(pinned).containsExactly(pin);
  }

  @ParameterizedTest(name = "a failed {0} run is not rolled back again")
  @EnumSource(
      value = TriggerType.class,
      names = {"ROLLBACK", "AUTO_ROLLBACK"})
  void aRollbackIsNeverRolledBack(TriggerType trigger) {
    Environment environment = environment(true);
    applied(desired(GOOD, "v1"), RunResult.succeeded(GOOD));
    DesiredState broken = desired(BAD, "v2");
    RunId failed = applied(broken, RunResult.failed(BAD, UNHEALTHY));

    assertThat(rollback.after(environment, trigger, failed, BAD, broken, UNHEALTHY)).isEmpty();
    assertThat(store.state(ENV).pinned()).isFalse();
  }

  @Test
  void withoutAutomaticRollbackNothingIsPinned() {
    Environment environment = environment(false);
    applied(desired(GOOD, "v1"), RunResult.succeeded(GOOD));
    DesiredState broken = desired(BAD, "v2");
    RunId failed = applied(broken, RunResult.failed(BAD, UNHEALTHY));

    assertThat(rollback.after(environment, TriggerType.SCHEDULE, failed, BAD, broken, UNHEALTHY))
        .isEmpty();
    assertThat(store.state(ENV).pinned()).isFalse();
  }

  @Test
  void withNoHealthySnapshotThereIsNothingToRollBackTo() {
    Environment environment = environment(true);
    DesiredState broken = desired(BAD, "v2");
    RunId failed = applied(broken, RunResult.failed(BAD, UNHEALTHY));

    assertThat(rollback.after(environment, TriggerType.SCHEDULE, failed, BAD, broken, UNHEALTHY))
        .isEmpty();
    assertThat(pinned).isEmpty();
  }

  @Test
  void whenTheFailedStateIsTheLastHealthyOneItIsNotRolledBackToItself() {
    Environment environment = environment(true);
    DesiredState same = desired(GOOD, "v1");
    applied(same, RunResult.succeeded(GOOD));
    RunId failed = applied(desired(GOOD, "v1"), RunResult.failed(GOOD, UNHEALTHY));

    assertThat(rollback.after(environment, TriggerType.SCHEDULE, failed, GOOD, same, UNHEALTHY))
        .isEmpty();
    assertThat(store.state(ENV).pinned()).isFalse();
  }

  private static DesiredState desired(Revision revision, String text) {
    return StepFixtures.desired(revision, StepFixtures.file("app.conf", text));
  }
}
