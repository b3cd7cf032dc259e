package io.driftless.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.RollbackRequest;
import io.driftless.api.model.SyncRequest;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.memory.MemoryStores;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.TokenRole;
import io.driftless.engine.testing.MutableClock;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators' actions on in-memory stores and a recorded scheduler: no database, no Quartz. */
class EnvironmentActionsTest {
  private static final Caller ALICE = new Caller("alice", TokenRole.OPERATOR);

  private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
  private final Stores stores = MemoryStores.open(clock);
  private final RecordedRunRequests scheduler = new RecordedRunRequests(stores.runs(), clock);
  // Preview and restore commits need Git; none of the actions tested here reaches it.
  private final EnvironmentActions actions =
      new EnvironmentActions(
          stores,
          scheduler,
          null,
          null,
          new Audit(stores.audit(), Jackson.newObjectMapper(), clock),
          clock,
          null);

  @Test
  void aSyncQueuesARunForTheCallerAndAuditsWhy() {
    EnvironmentName env = newEnvironment();

    var queued = actions.sync(ALICE, env, new SyncRequest(null, null, null, null, "hotfix"));

    Run run = stores.runs().find(queued.run()).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.trigger().type()).isEqualTo(TriggerType.API);
    assertThat(run.trigger().actor()).isEqualTo("alice");
    assertThat(scheduler.scheduled()).containsExactly(env);
    assertThat(audit())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.entry().action()).isEqualTo("environment.sync");
              assertThat(r.entry().actor()).isEqualTo("alice");
              assertThat(r.entry().reason()).isEqualTo("hotfix");
            });
  }

  @Test
  void anUnknownEnvironmentIsNotFoundAndNothingIsQueued() {
    EnvironmentName missing = EnvironmentName.of("missing");

    assertThatThrownBy(
            () -> actions.sync(ALICE, missing, new SyncRequest(null, null, null, null, "")))
        .isInstanceOf(NotFoundException.class);
    assertThat(scheduler.requests()).isEmpty();
    assertThat(audit()).isEmpty();
  }

  @Test
  void aRollbackToASucceededRunPinsItsRevisionAndQueuesARunLinkedToIt() {
    EnvironmentName env = newEnvironment();
    DesiredState desired = Fixtures.desired(7, Fixtures.file("app.conf", "v7"));
    RunId good = finishedRun(env, Fixtures.applied(desired));

    EnvironmentActions.Rollback rollback =
        actions.rollback(ALICE, env, new RollbackRequest(good.value(), null, "bad deploy", null));

    assertThat(rollback.pin().revision()).isEqualTo(desired.revision());
    assertThat(stores.environments().state(env).pinnedRevision()).isEqualTo(desired.revision());
    assertThat(scheduler.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rollbackOf()).isEqualTo(good);
              assertThat(r.trigger().type()).isEqualTo(TriggerType.ROLLBACK);
            });
    assertThat(audit()).extracting(r -> r.entry().action()).containsExactly("environment.rollback");
  }

  @Test
  void aRollbackToAFailedRunIsRefusedAndChangesNothing() {
    EnvironmentName env = newEnvironment();
    RunId failed =
        finishedRun(
            env,
            new RunResult(
                RunStatus.FAILED,
                Fixtures.revision(3),
                null,
                null,
                null,
                null,
                null,
                new RunError("render.failed", "bad template", null)));

    assertThatThrownBy(
            () ->
                actions.rollback(
                    ALICE, env, new RollbackRequest(failed.value(), null, "try", null)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("failed");
    assertThat(stores.environments().state(env).pinned()).isFalse();
    assertThat(scheduler.requests()).isEmpty();
  }

  @Test
  void aRollbackToARunOfAnotherEnvironmentIsRefused() {
    EnvironmentName env = newEnvironment();
    EnvironmentName other = newEnvironment();
    RunId theirs = finishedRun(other, Fixtures.applied(Fixtures.desired(1)));

    assertThatThrownBy(
            () ->
                actions.rollback(
                    ALICE, env, new RollbackRequest(theirs.value(), null, "wrong one", null)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining(other.value());
  }

  @Test
  void suspendAndResumeFlipTheStateOnceEachAndAuditBoth() {
    EnvironmentName env = newEnvironment();

    actions.suspend(ALICE, env, "freeze");
    assertThat(stores.environments().state(env).suspended()).isTrue();
    assertThatThrownBy(() -> actions.suspend(ALICE, env, "again"))
        .isInstanceOf(ConflictException.class);

    actions.resume(ALICE, env, "thaw");
    assertThat(stores.environments().state(env).suspended()).isFalse();
    assertThatThrownBy(() -> actions.resume(ALICE, env, "again"))
        .isInstanceOf(ConflictException.class);
    assertThat(audit())
        .extracting(r -> r.entry().action())
        .containsExactly("environment.resume", "environment.suspend");
  }

  @Test
  void unpinningAnEnvironmentThatIsNotPinnedIsAConflict() {
    EnvironmentName env = newEnvironment();

    assertThatThrownBy(() -> actions.unpin(ALICE, env, "why"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("not pinned");
    assertThat(audit()).isEmpty();
  }

  private EnvironmentName newEnvironment() {
    return Fixtures.newEnvironment(stores);
  }

  /** A run of {@code env} that finished with {@code result}, as the engine would leave it. */
  private RunId finishedRun(EnvironmentName env, RunResult result) {
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    EnvironmentLocks.Lease lease =
        stores.locks().tryAcquire(env, "test", Duration.ofMinutes(1)).orElseThrow();
    stores.runs().markRunning(id, clock.instant());
    clock.advance(Duration.ofSeconds(5));
    stores.runs().complete(id, lease, result, clock.instant());
    stores.locks().release(lease);
    return id;
  }

  private List<AuditRecord> audit() {
    return stores.audit().query(AuditQuery.latest(50)).items();
  }
}
