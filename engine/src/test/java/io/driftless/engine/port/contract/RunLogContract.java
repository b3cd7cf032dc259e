package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.driftless.engine.port.RunLog}, for every store that implements it. */
public abstract class RunLogContract extends StoresContract {

  @Test
  void aCreatedRunIsQueuedWithoutResult() {
    EnvironmentName env = newEnvironment();
    Instant at = Instant.parse("2026-03-01T10:00:00.5Z");
    Trigger trigger = new Trigger(TriggerType.WEBHOOK, "github", "push to main");

    RunId id = stores.runs().create(env, trigger, at);

    Run run = stores.runs().find(id).orElseThrow();
    assertThat(run.environment()).isEqualTo(env);
    assertThat(run.trigger()).isEqualTo(trigger);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.createdAt()).isEqualTo(at);
    assertThat(run.result()).isNull();
  }

  @Test
  void aFinishedRunReadsBackWithPlanOutcomesPhasesAndError() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    RunId id = stores.runs().create(env, Trigger.api("alice", "fix"), clock.instant());
    stores.runs().markRunning(id, Instant.parse("2026-01-01T00:00:01Z"));
    Resource before = Fixtures.file("a.conf", "old");
    Resource after = Fixtures.file("a.conf", "new");
    Resource gone = Fixtures.file("gone.conf", "bye");
    Resource added = Fixtures.file("b.conf", "hello");
    Change update = Change.update(before, after, true, true);
    Change delete = Change.delete(gone, false);
    Change create = Change.create(added);
    RunResult result =
        new RunResult(
            RunStatus.FAILED,
            Fixtures.revision(42),
            new Plan(
                List.of(update, delete, create),
                List.of(ResourceKey.of("kept.conf")),
                List.of(ResourceKey.of("a.conf"))),
            List.of(
                new ResourceOutcome(update, ResourceOutcome.Result.APPLIED, ""),
                new ResourceOutcome(delete, ResourceOutcome.Result.FAILED, "permission denied"),
                new ResourceOutcome(create, ResourceOutcome.Result.NOT_ATTEMPTED, "")),
            List.of(
                new PhaseTiming(
                    Phase.FETCH, Instant.parse("2026-01-01T00:00:01Z"), Duration.ofMillis(120)),
                new PhaseTiming(
                    Phase.APPLY, Instant.parse("2026-01-01T00:00:02Z"), Duration.ofMillis(30))),
            List.of(new CommandResult("postApply", 1, false, Duration.ofMillis(15), "boom\n")),
            new HealthReport(Health.DEGRADED, "reload failed", "out"),
            new RunError("apply.failed", "1 change failed", Map.of("key", "gone.conf")));

    stores.runs().complete(id, lease, result, Instant.parse("2026-01-01T00:00:03Z"));

    Run run = stores.runs().find(id).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
    assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
    RunResult read = run.result();
    assertThat(read.status()).isEqualTo(RunStatus.FAILED);
    assertThat(read.revision()).isEqualTo(Fixtures.revision(42));
    assertThat(read.plan().changes())
        .extracting(Change::key, Change::action, Change::adopt, Change::drift)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ResourceKey.of("a.conf"), ChangeAction.UPDATE, true, true),
            org.assertj.core.groups.Tuple.tuple(
                ResourceKey.of("gone.conf"), ChangeAction.DELETE, false, false),
            org.assertj.core.groups.Tuple.tuple(
                ResourceKey.of("b.conf"), ChangeAction.CREATE, false, false));
    Change readUpdate = read.plan().changes().get(0);
    assertThat(readUpdate.before().hash()).isEqualTo(before.hash());
    assertThat(readUpdate.after().hash()).isEqualTo(after.hash());
    assertThat(readUpdate.after().kind()).isEqualTo(after.kind());
    assertThat(read.plan().pruneSkipped()).containsExactly(ResourceKey.of("kept.conf"));
    assertThat(read.plan().drifted()).containsExactly(ResourceKey.of("a.conf"));
    assertThat(read.outcomes())
        .extracting(ResourceOutcome::result, ResourceOutcome::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ResourceOutcome.Result.APPLIED, ""),
            org.assertj.core.groups.Tuple.tuple(ResourceOutcome.Result.FAILED, "permission denied"),
            org.assertj.core.groups.Tuple.tuple(ResourceOutcome.Result.NOT_ATTEMPTED, ""));
    assertThat(read.phases()).isEqualTo(result.phases());
    assertThat(read.commands()).isEqualTo(result.commands());
    assertThat(read.health()).isEqualTo(result.health());
    assertThat(read.error()).isEqualTo(result.error());

    RunSummary summary = stores.runs().summary(id).orElseThrow();
    assertThat(summary.counts().creates()).isEqualTo(1);
    assertThat(summary.counts().updates()).isEqualTo(1);
    assertThat(summary.counts().deletes()).isEqualTo(1);
    assertThat(summary.counts().applied()).isEqualTo(1);
    assertThat(summary.counts().failed()).isEqualTo(1);
    assertThat(summary.counts().skipped()).isEqualTo(1);
    assertThat(summary.drift()).isTrue();
    stores.locks().release(lease);
  }

  @Test
  void contentsOfAChangeLoadFromTheSnapshotStore() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    DesiredState desired = Fixtures.desired(1, Fixtures.file("x.txt", "x content"));
    RunId id = appliedRun(env, lease, desired);
    stores.snapshots().save(lease, id, desired);

    Change change = stores.runs().find(id).orElseThrow().result().plan().changes().get(0);

    assertThat(new String(change.after().content().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("x content");
    stores.locks().release(lease);
  }

  @Test
  void aRunWith10000ChangesIsStoredAndReadBackWhole() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    DesiredState desired = Fixtures.manyFiles(1, 10_000);
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    RunResult result = Fixtures.applied(desired);

    stores.runs().complete(id, lease, result, clock.instant());

    RunResult read = stores.runs().find(id).orElseThrow().result();
    assertThat(read.plan().changes()).hasSize(10_000);
    assertThat(read.outcomes()).hasSize(10_000);
    for (int i = 0; i < 10_000; i++) {
      assertThat(read.plan().changes().get(i).key())
          .isEqualTo(result.plan().changes().get(i).key());
      assertThat(read.plan().changes().get(i).after().hash())
          .isEqualTo(result.plan().changes().get(i).after().hash());
    }
    List<RunChange> paged = new ArrayList<>();
    ChangeQuery query = ChangeQuery.first(id, 1000);
    Page<RunChange> page;
    do {
      page = stores.runs().changes(query);
      paged.addAll(page.items());
      query = query.after(page.nextCursor());
    } while (page.nextCursor() != null);
    assertThat(paged).hasSize(10_000);
    assertThat(paged.get(9_999).key()).isEqualTo(result.plan().changes().get(9_999).key());
    stores.locks().release(lease);
  }

  @Test
  void completingUnderALostLeaseIsRefusedAndWritesNothing() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        stores.locks().tryAcquire(env, "dying", Duration.ofSeconds(10)).orElseThrow();
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    stores.runs().markRunning(id, clock.instant());
    clock.advance(Duration.ofSeconds(11));
    EnvironmentLocks.Lease next =
        stores.locks().tryAcquire(env, "successor", Duration.ofSeconds(10)).orElseThrow();

    assertThat(next.id()).isGreaterThan(lease.id());
    assertThatThrownBy(
            () ->
                stores
                    .runs()
                    .complete(
                        id, lease, Fixtures.applied(Fixtures.manyFiles(1, 10)), clock.instant()))
        .isInstanceOf(LeaseLostException.class);
    assertThat(stores.runs().find(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(stores.runs().changes(ChangeQuery.first(id, 10)).items()).isEmpty();
    stores.locks().release(next);
  }

  @Test
  void aRunFinishesOnceAndStartsOnce() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    stores.runs().markRunning(id, clock.instant());

    assertThatThrownBy(() -> stores.runs().markRunning(id, clock.instant()))
        .isInstanceOf(ConflictException.class);
    RunResult noop = RunResult.noOp(Fixtures.revision(1));
    stores.runs().complete(id, lease, noop, clock.instant());
    assertThatThrownBy(() -> stores.runs().complete(id, lease, noop, clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(stores.runs().find(id).orElseThrow().result().status()).isEqualTo(RunStatus.NO_OP);
    stores.locks().release(lease);
  }

  @Test
  void anInterruptedRunKeepsWhy() {
    EnvironmentName env = newEnvironment();
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    stores.runs().markRunning(id, clock.instant());

    stores
        .runs()
        .interrupt(
            id, new RunError("server.stopped", "the server stopped", Map.of()), clock.instant());

    Run run = stores.runs().find(id).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(run.result().error().code()).isEqualTo("server.stopped");
  }

  @Test
  void historyIsNewestFirstWithACursor() {
    EnvironmentName env = newEnvironment();
    List<RunId> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(stores.runs().create(env, Trigger.api("u" + i, ""), clock.instant()));
      clock.advance(Duration.ofSeconds(1));
    }
    stores.runs().markRunning(ids.get(4), clock.instant());

    List<RunId> seen = new ArrayList<>();
    RunQuery query = RunQuery.latest(env, 5);
    Page<RunSummary> page;
    do {
      page = stores.runs().history(query);
      assertThat(page.items().size()).isLessThanOrEqualTo(5);
      page.items().forEach(r -> seen.add(r.id()));
      query = query.after(page.nextCursor());
    } while (page.nextCursor() != null);

    List<RunId> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);
    assertThat(stores.runs().history(new RunQuery(env, RunStatus.RUNNING, null, 10)).items())
        .extracting(RunSummary::id)
        .containsExactly(ids.get(4));
    assertThat(stores.environments().view(env).orElseThrow().lastRun().id()).isEqualTo(ids.get(11));
  }

  @Test
  void badInputIsATypedErrorAndWritesNothing() throws Exception {
    EnvironmentName env = newEnvironment();
    EnvironmentName ghost = EnvironmentName.of(Fixtures.unique("ghost"));

    assertThatThrownBy(() -> stores.runs().create(ghost, Trigger.schedule(), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> stores.runs().create(env, Trigger.api("a", "r".repeat(5000)), clock.instant()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> stores.runs().markRunning(RunId.of(999_999_999L), clock.instant()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stores.runs().history(RunQuery.latest(env, 5).after("nonsense")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(stores.runs().history(RunQuery.latest(env, 5)).items()).isEmpty();
  }

  @Test
  void aRunWithMorePhasesThanTheColumnHoldsStillCompletes() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    RunId id = stores.runs().create(env, Trigger.schedule(), clock.instant());
    List<PhaseTiming> phases = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      phases.add(new PhaseTiming(Phase.APPLY, clock.instant(), Duration.ofMillis(i)));
    }
    RunResult result = RunResult.noOp(Fixtures.revision(1)).withPhases(phases);

    stores.runs().complete(id, lease, result, clock.instant());

    List<PhaseTiming> stored = stores.runs().find(id).orElseThrow().result().phases();
    // A store may keep only the first phases (a database column is bounded), never others.
    assertThat(stored).isNotEmpty();
    assertThat(stored).isEqualTo(phases.subList(0, stored.size()));
    stores.locks().release(lease);
  }

  @Test
  void anUnknownRunIsEmpty() {
    assertThat(stores.runs().find(RunId.of(888_888_888L))).isEmpty();
  }
}
