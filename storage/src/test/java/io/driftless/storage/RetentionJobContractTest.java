package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.storage.jdbi.RetentionJob;
import io.driftless.storage.model.RetentionReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RetentionJob} against a real database. */
public abstract class RetentionJobContractTest extends StorageTestBase {

  private RunId finished(EnvironmentName env, EnvironmentLocks.Lease lease, int revision) {
    RunId id = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage
        .runs()
        .complete(id, lease, RunResult.noOp(Fixtures.revision(revision)), clock.instant());
    clock.advance(Duration.ofHours(1));
    return id;
  }

  @Test
  void keepsTheLastNTheYoungAndWhatIsReferredTo() {
    EnvironmentName env = newEnvironment();
    // Long enough for the hours and days this test moves the clock by.
    EnvironmentLocks.Lease lease =
        storage.locks().tryAcquire(env, "retention-test", Duration.ofDays(365)).orElseThrow();
    List<RunId> old = new ArrayList<>();
    String marker = Fixtures.unique("ret");
    // An older apply whose snapshot goes with it, then the last apply, the base of the next diff.
    DesiredState older = Fixtures.desired(99, Fixtures.file("a.conf", marker + " older"));
    RunId olderApply = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage.runs().complete(olderApply, lease, Fixtures.applied(older), clock.instant());
    storage.snapshots().save(lease, olderApply, older);
    clock.advance(Duration.ofHours(1));
    DesiredState applied = Fixtures.desired(100, Fixtures.file("a.conf", marker + " applied"));
    RunId lastApply = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage.runs().complete(lastApply, lease, Fixtures.applied(applied), clock.instant());
    storage.snapshots().save(lease, lastApply, applied);
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 6; i++) {
      old.add(finished(env, lease, i + 1));
    }
    RunId pinnedRun = finished(env, lease, 50);
    storage.environments().pin(env, Fixtures.revision(50), false);
    RunId rollbackTarget = finished(env, lease, 60);
    RunId rollback =
        storage
            .runs()
            .create(
                env,
                new Trigger(TriggerType.ROLLBACK, "bob", "bad deploy"),
                clock.instant(),
                rollbackTarget);
    storage.runs().interrupt(rollback, null, clock.instant());
    clock.advance(Duration.ofDays(40));
    List<RunId> recent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      recent.add(finished(env, lease, 200 + i));
    }
    RunId queued = storage.runs().create(env, Trigger.schedule(), clock.instant());
    storage.locks().release(lease);

    RetentionJob job =
        new RetentionJob(
            storage.jdbi(),
            storage.snapshots(),
            storage.webhookDeliveries(),
            new RetentionPolicy(2, Duration.ofDays(30), Duration.ofDays(7)),
            clock);
    RetentionReport report = job.run();

    List<RunId> left =
        storage.runs().history(RunQuery.latest(env, 100)).items().stream()
            .map(RunSummary::id)
            .toList();
    assertThat(left)
        .contains(queued, lastApply, pinnedRun, rollbackTarget)
        .containsAll(recent)
        .doesNotContain(olderApply)
        .doesNotContainAnyElementsOf(old);
    assertThat(report.runs()).isEqualTo(old.size() + 2);
    assertThat(storage.snapshots().lastApplied(env)).isPresent();
    assertThat(
            storage
                .snapshots()
                .content(older.get(io.driftless.engine.domain.ResourceKey.of("a.conf")).hash()))
        .isEmpty();
    assertThat(report.contents()).isGreaterThanOrEqualTo(1);
    assertThat(
            storage
                .snapshots()
                .content(applied.get(io.driftless.engine.domain.ResourceKey.of("a.conf")).hash()))
        .isPresent();
  }

  @Test
  void aPreviewIsKeptForClosedPreviewsForAfterItsPullRequestClosesThenDeleted() {
    String name = Fixtures.unique("prev");
    storage.sources().register(Fixtures.plainSource(name));
    var source = io.driftless.engine.domain.SourceName.of(name);
    storage.previews().start(source, 1, "a".repeat(40), "main");
    storage.previews().start(source, 2, "b".repeat(40), "main");
    storage.previews().start(source, 3, "c".repeat(40), "main");
    storage.previews().close(source, 1);
    storage.previews().close(source, 3);
    storage.previews().start(source, 3, "d".repeat(40), "main"); // reopened at a new head
    RetentionJob job =
        new RetentionJob(
            storage.jdbi(),
            storage.snapshots(),
            storage.webhookDeliveries(),
            new RetentionPolicy(2, Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(3)),
            clock);

    clock.advance(Duration.ofDays(2));
    assertThat(job.run().previews()).isZero();
    assertThat(storage.previews().find(source, 1)).isPresent();

    clock.advance(Duration.ofDays(2));
    assertThat(job.run().previews()).isEqualTo(1);
    assertThat(storage.previews().find(source, 1)).isEmpty();
    assertThat(storage.previews().find(source, 2)).as("still open").isPresent();
    assertThat(storage.previews().find(source, 3)).as("reopened").isPresent();
  }
}
