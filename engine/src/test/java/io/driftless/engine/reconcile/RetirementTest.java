package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A retiring environment's files pruned as one recorded run of it (deletion: cascade). */
class RetirementTest extends ReconcilerTestBase {

  private Retirement retirement() {
    return new Retirement(
        new DirectoryTargetFactory(List.of(tmp.resolve("targets")), engine.clock()),
        EnginePorts.of(engine.store()),
        engine.clock(),
        new Reconciler.Settings("test", Duration.ofSeconds(30)),
        null);
  }

  @Test
  void prunesTheInventoryAsARecordedRunWithItsDeletesAndLeavesOtherFiles() throws Exception {
    register(TargetSpec.Directory.at(root), Variables.none(), SyncPolicy.defaults());
    repo.commit(Map.of("env/web/a.conf", "a\n", "env/web/sites/b.conf", "b\n"), "first");
    assertThat(scheduled().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.writeString(root.resolve("by-hand.txt"), "a person's file\n");

    ReconcileOutcome outcome;
    try (Retirement retirement = retirement()) {
      outcome = retirement.prune(ENV, "environment:platform", "removed from web.yaml");
    }

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.result().plan().changes())
        .allMatch(c -> c.action() == ChangeAction.DELETE)
        .extracting(c -> c.key().value())
        .containsExactlyInAnyOrder("a.conf", "sites/b.conf");
    assertThat(outcome.result().outcomes())
        .allMatch(o -> o.result() == ResourceOutcome.Result.APPLIED);
    Run run = engine.store().find(outcome.recordedRun().orElseThrow()).orElseThrow();
    assertThat(run.trigger().type()).isEqualTo(TriggerType.RETIRE);
    assertThat(run.trigger().actor()).isEqualTo("environment:platform");
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(root.resolve("a.conf")).doesNotExist();
    assertThat(root.resolve("sites/b.conf")).doesNotExist();
    assertThat(root.resolve("by-hand.txt")).as("only the inventory is pruned").exists();
    assertThat(engine.store().get(ENV).keys()).isEmpty();
  }

  @Test
  void anEnvironmentThatNeverAppliedRecordsNoRun() {
    register(TargetSpec.Directory.at(root), Variables.none(), SyncPolicy.defaults());
    try (Retirement retirement = retirement()) {
      ReconcileOutcome outcome = retirement.prune(ENV, "environment:platform", "removed");
      assertThat(outcome.recordedRun()).isEmpty();
      assertThat(outcome.result().status()).isEqualTo(RunStatus.NO_OP);
    }
  }
}
