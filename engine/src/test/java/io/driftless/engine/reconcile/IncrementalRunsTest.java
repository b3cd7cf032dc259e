package io.driftless.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.reconcile.IncrementalRuns.InSync;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a run may render and compare only what changed: one rule each, the others holding. The
 * reconciler-level tests ({@link IncrementalRunTest}) run the conditions a directory environment
 * can reach; these also cover the renderer and target kinds it cannot.
 */
class IncrementalRunsTest {
  private static final Revision APPLIED = Revision.of("a".repeat(40));
  private static final Revision NEW = Revision.of("b".repeat(40));
  private static final Environment WEB =
      new Environment(
          EnvironmentName.of("web"),
          SourceName.of("site"),
          "main",
          "env/web",
          null,
          Variables.none(),
          TargetSpec.Directory.at(Path.of("/srv/web")),
          SyncPolicy.defaults(),
          null);
  private static final InSync BASE = new InSync(WEB, null, APPLIED, 42L, true);
  private static final EnvironmentState IN_SYNC =
      EnvironmentState.initial().applied(APPLIED, APPLIED, Health.HEALTHY, Instant.EPOCH);

  private static String fallback(InSync base, Environment environment, SyncQuestion question) {
    return IncrementalRuns.fallback(base, environment, null, question, NEW);
  }

  private static SyncQuestion question(TriggerType trigger, SyncOptions options) {
    return SyncQuestion.ofRun(trigger, options, SyncPolicy.defaults(), IN_SYNC);
  }

  private static SyncQuestion pushed(EnvironmentState state) {
    return SyncQuestion.ofRun(TriggerType.WEBHOOK, null, SyncPolicy.defaults(), state);
  }

  @Test
  void aPushOrAnApiSyncOfANewRevisionAfterARunThatLeftItInSyncComparesOnlyChanges() {
    assertThat(fallback(BASE, WEB, pushed(IN_SYNC))).isNull();
    assertThat(fallback(BASE, WEB, question(TriggerType.API, null))).isNull();
    assertThat(fallback(BASE, WEB, question(TriggerType.SCHEDULE, null))).isNull();
    assertThat(fallback(BASE, WEB, question(TriggerType.RETRY, null))).isNull();
    assertThat(IncrementalRuns.fallback(BASE, WEB, null, pushed(IN_SYNC), APPLIED))
        .contains("no new revision");
  }

  @Test
  void withoutARunOfThisProcessThatLeftItInSyncTheRunIsWhole() {
    assertThat(fallback(null, WEB, pushed(IN_SYNC))).contains("no run of this process");
  }

  @Test
  void aChangedSpecOrChangedDecryptionKeysMakeTheRunWhole() {
    Environment variables =
        WEB.withVariables(new Variables(Map.of("A", "1"), List.of(), List.of()));
    assertThat(fallback(BASE, variables, pushed(IN_SYNC))).contains("spec changed");
    assertThat(fallback(BASE, WEB.withSync(WEB.sync().withPrune(true)), pushed(IN_SYNC)))
        .contains("spec changed");
    assertThat(IncrementalRuns.fallback(BASE, WEB, List.of("age1key"), pushed(IN_SYNC), NEW))
        .contains("decryption keys changed");
  }

  @Test
  void anEnvironmentOutOfSyncDriftedOrPinnedAtTheLastCheckRunsWhole() {
    EnvironmentState failed = IN_SYNC.checked(NEW, true, false, Instant.EPOCH);
    EnvironmentState drifted = IN_SYNC.checked(APPLIED, true, true, Instant.EPOCH);
    EnvironmentState pinned =
        IN_SYNC.pinnedAt(new Pin(NEW, false, "alice", "hold", Instant.EPOCH, null, null, null));
    assertThat(fallback(BASE, WEB, pushed(failed))).contains("out of sync");
    assertThat(fallback(BASE, WEB, pushed(drifted))).contains("out of sync");
    assertThat(fallback(BASE, WEB, pushed(pinned))).contains("pinned");
  }

  @Test
  void otherRenderersVariablesFromAndOtherTargetsRunWhole() {
    for (Environment other :
        List.of(
            WEB.withRenderer(new RendererSpec.Manifests()),
            WEB.withRenderer(new RendererSpec.Command(CommandSpec.shell("kustomize build"))),
            WEB.withVariables(new Variables(Map.of(), List.of(), List.of("secrets.env"))))) {
      InSync base = new InSync(other, null, APPLIED, BASE.snapshot(), true);
      assertThat(fallback(base, other, pushed(IN_SYNC))).contains("files renderer");
    }
    Environment kubernetes = WEB.withTarget(TargetSpec.Kubernetes.inCluster());
    assertThat(
            fallback(
                new InSync(kubernetes, null, APPLIED, BASE.snapshot(), true),
                kubernetes,
                pushed(IN_SYNC)))
        .contains("not a directory");
  }

  @Test
  void dryRunsPruneOverridesRequestedRevisionsRollbacksAndRetirementsRunWhole() {
    assertThat(fallback(BASE, WEB, question(TriggerType.API, SyncOptions.dryRunOnly())))
        .contains("dry run");
    assertThat(
            fallback(
                BASE, WEB, question(TriggerType.API, new SyncOptions(null, false, false, false))))
        .contains("prune override");
    assertThat(
            fallback(
                BASE,
                WEB,
                question(TriggerType.API, new SyncOptions(NEW.value(), false, null, false))))
        .contains("requested revision");
    assertThat(
            fallback(
                BASE, WEB, question(TriggerType.API, new SyncOptions(null, false, null, true))))
        .isNull();
    for (TriggerType trigger :
        List.of(TriggerType.ROLLBACK, TriggerType.AUTO_ROLLBACK, TriggerType.RETIRE)) {
      assertThat(fallback(BASE, WEB, question(trigger, null))).contains("rollback");
    }
  }

  @Test
  void aDesiredStateAndTheSnapshotItIsStoredAsHaveOneFingerprint() {
    DesiredState desired =
        StepFixtures.desired(
            APPLIED, StepFixtures.file("a.conf", "a\n"), StepFixtures.file("b/c.conf", "c\n"));
    long id = IncrementalRuns.fingerprint(desired);

    assertThat(IncrementalRuns.fingerprint(Snapshot.of(desired))).isEqualTo(id);
    for (DesiredState other :
        List.of(
            StepFixtures.desired(APPLIED, StepFixtures.file("a.conf", "a\n")),
            StepFixtures.desired(
                APPLIED,
                StepFixtures.file("a.conf", "a\n"),
                StepFixtures.file("b/c.conf", "changed\n")),
            StepFixtures.desired(
                APPLIED,
                StepFixtures.file("a.conf", "a\n"),
                StepFixtures.file("b/d.conf", "c\n")))) {
      assertThat(IncrementalRuns.fingerprint(other)).isNotEqualTo(id);
    }
  }

  @Test
  void theFingerprintOfAStateChangedAtAFewKeysIsUpdatedFromTheSnapshotItWasBuiltOn() {
    Snapshot applied =
        Snapshot.of(
            StepFixtures.desired(
                APPLIED,
                StepFixtures.file("a.conf", "a\n"),
                StepFixtures.file("b/c.conf", "c\n"),
                StepFixtures.file("b/d.conf", "d\n")));
    // b/c.conf changed, b/d.conf removed, e.conf added; a.conf as applied.
    DesiredState changed =
        StepFixtures.desired(
            APPLIED,
            StepFixtures.file("a.conf", "a\n"),
            StepFixtures.file("b/c.conf", "changed\n"),
            StepFixtures.file("e.conf", "e\n"));
    Set<ResourceKey> keys =
        Set.of(ResourceKey.of("b/c.conf"), ResourceKey.of("b/d.conf"), ResourceKey.of("e.conf"));

    assertThat(IncrementalRuns.updated(IncrementalRuns.sum(applied), applied, changed, keys))
        .isEqualTo(IncrementalRuns.fingerprint(changed))
        .isNotEqualTo(IncrementalRuns.fingerprint(applied));
  }

  @Test
  void aScheduledPollAfterARunThatDidNotReadAllOfLiveStateRunsWhole() {
    InSync partial = new InSync(WEB, null, APPLIED, BASE.snapshot(), false);
    assertThat(fallback(partial, WEB, question(TriggerType.SCHEDULE, null)))
        .contains("did not read all of live state");
    assertThat(fallback(partial, WEB, pushed(IN_SYNC))).isNull();
  }
}
