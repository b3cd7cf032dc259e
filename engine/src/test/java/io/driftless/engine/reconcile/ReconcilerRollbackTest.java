package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.process.CommandPolicy;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins in the reconciler: automatic rollback, release by a new commit or a restore commit. */
class ReconcilerRollbackTest extends ReconcilerTestBase {
  @Override
  CommandPolicy commands() {
    return CommandPolicy.allowing("sh");
  }

  /** Healthy unless app.conf says "broken"; gives up after a second. */
  private void register(boolean autoRollback) {
    SyncPolicy defaults = SyncPolicy.defaults();
    register(
        new TargetSpec.Directory(
            root,
            null,
            new CommandSpec(
                List.of("! grep -q broken \"$DRIFTLESS_TARGET_ROOT/app.conf\""),
                Duration.ofSeconds(5)),
            Duration.ofSeconds(1)),
        Variables.none(),
        new SyncPolicy(true, true, false, autoRollback, defaults.schedule(), defaults.windows()));
  }

  private String app() throws Exception {
    return Files.readString(root.resolve("app.conf"));
  }

  /** Commits app.conf, the file the health check reads, with {@code content}. */
  private Revision commitApp(String content, String message) {
    return repo.commit(Map.of("env/web/app.conf", content), message);
  }

  private boolean pinned() {
    return engine.store().state(ENV).pinned();
  }

  @Test
  void failedHealthReappliesTheLastHealthySnapshotAndTheNextCommitReleasesThePin()
      throws Exception {
    register(true);
    Revision good = commitApp("good\n", "good");
    ReconcileOutcome first = pushed();
    assertThat(first.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    RunId healthy = first.run();

    Revision bad = commitApp("broken\n", "bad");
    ReconcileOutcome outcome = pushed();

    List<Run> runs = engine.store().runs(ENV);
    assertThat(runs).hasSize(3);
    Run failed = runs.get(1);
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.result().revision()).isEqualTo(bad);
    assertThat(failed.result().error().code()).isEqualTo("target.unhealthy");
    Run rollback = runs.get(2);
    assertThat(outcome.run()).isEqualTo(rollback.id());
    assertThat(rollback.trigger().type()).isEqualTo(TriggerType.AUTO_ROLLBACK);
    assertThat(rollback.trigger().reason())
        .contains("health failed after run " + failed.id())
        .contains(bad.shortId());
    assertThat(rollback.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(rollback.result().revision()).isEqualTo(good);
    assertThat(engine.store().rollbackOf(rollback.id())).contains(healthy);
    assertThat(app()).isEqualTo("good\n");

    EnvironmentState state = engine.store().state(ENV);
    assertThat(state.pinnedByAutoRollback()).isTrue();
    assertThat(state.pin().revision()).isEqualTo(good);
    assertThat(state.pin().snapshotRun()).isEqualTo(healthy);
    assertThat(state.pin().reason()).isEqualTo(rollback.trigger().reason());
    assertThat(state.health()).isEqualTo(Health.HEALTHY);

    // The broken head stays in Git, but checks keep the pinned state.
    assertThat(scheduled().result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(app()).isEqualTo("good\n");
    assertThat(pinned()).isTrue();

    Revision fix = commitApp("fixed\n", "fix");
    ReconcileOutcome fixed = scheduled();
    assertThat(fixed.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(fixed.result().revision()).isEqualTo(fix);
    assertThat(app()).isEqualTo("fixed\n");
    assertThat(pinned()).isFalse();
  }

  @Test
  void withoutAutomaticRollbackAFailedHealthStaysFailed() throws Exception {
    register(false);
    commitApp("good\n", "good");
    pushed();
    commitApp("broken\n", "bad");

    assertThat(pushed().result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(engine.store().runs(ENV)).hasSize(2);
    assertThat(app()).isEqualTo("broken\n");
    assertThat(pinned()).isFalse();
  }

  @Test
  void anAutomaticRollbackWithNoHealthySnapshotLeavesTheFailure() throws Exception {
    register(true);
    commitApp("broken\n", "bad from the start");

    assertThat(pushed().result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(engine.store().runs(ENV)).hasSize(1);
    assertThat(pinned()).isFalse();
  }

  @Test
  void aPinnedRevisionGoneFromTheRepositoryIsReappliedFromItsSnapshot() throws Exception {
    register(false);
    repo.commit(Map.of("env/web/app.conf", "one\n", "env/web/extra.conf", "x\n"), "one");
    RunId one = pushed().run();
    commitApp("two\n", "two");
    pushed();
    assertThat(app()).isEqualTo("two\n");

    // A revision no clone or remote has, as after a force push and garbage collection.
    Revision gone = Revision.of("0123456789abcdef0123456789abcdef01234567");
    engine
        .store()
        .pin(ENV, new Pin(gone, false, "alice", "two is bad", Instant.now(), one, null, null));
    ReconcileOutcome outcome = scheduled();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.result().revision()).isEqualTo(gone);
    assertThat(app()).isEqualTo("one\n");
    assertThat(pinned()).isTrue();
  }

  @Test
  void aPinWithARestoreCommitIsReleasedOnceTheBranchHoldsIt() throws Exception {
    register(false);
    Revision one = commitApp("one\n", "one");
    pushed();
    commitApp("two\n", "two");
    Revision restore = commitApp("one\n", "restore");
    engine
        .store()
        .pin(ENV, new Pin(one, false, "alice", "two is bad", Instant.now(), null, restore, null));
    repo.commit(Map.of("other/readme", "after the restore\n"), "later");

    ReconcileOutcome outcome = scheduled();

    assertThat(pinned()).isFalse();
    assertThat(outcome.result().status()).isEqualTo(RunStatus.NO_OP);
    assertThat(app()).isEqualTo("one\n");
  }

  @Test
  void aManualPinHoldsAcrossNewCommits() throws Exception {
    register(false);
    Revision one = commitApp("one\n", "one");
    pushed();
    engine.store().pin(ENV, new Pin(one, false, "alice", "hold", Instant.now(), null, null, null));
    commitApp("two\n", "two");
    pushed();
    commitApp("three\n", "three");
    scheduled();

    assertThat(app()).isEqualTo("one\n");
    assertThat(engine.store().state(ENV).pin().by()).isEqualTo("alice");
  }
}
