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
  private static final InSync BASE = inSync(WEB);
  private static final EnvironmentState IN_SYNC =
      EnvironmentState.initial().applied(APPLIED, APPLIED, Health.HEALTHY, Instant.EPOCH);

  /** {@code environment} as a run of this process left it at {@link #IN_SYNC}. */
  private static InSync inSync(Environment environment) {
    return new InSync(environment, null, APPLIED, "42", APPLIED, APPLIED, Instant.EPOCH, null, -1);
  }

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
  void onlyAPushOfANewRevisionAfterARunThatLeftItInSyncComparesOnlyChanges() {
    assertThat(fallback(BASE, WEB, pushed(IN_SYNC))).isNull();
    assertThat(IncrementalRuns.fallback(BASE, WEB, null, pushed(IN_SYNC), APPLIED))
        .contains("no new revision");
  }

  @Test
  void everyTriggerButAPushComparesTheWholeTarget() {
    for (TriggerType trigger : TriggerType.values()) {
      if (trigger != TriggerType.WEBHOOK) {
        assertThat(fallback(BASE, WEB, question(trigger, null))).as("%s", trigger).isNotNull();
      }
    }
    assertThat(fallback(BASE, WEB, question(TriggerType.API, null))).contains("not a push");
    assertThat(fallback(BASE, WEB, question(TriggerType.SCHEDULE, null))).contains("not a push");
    assertThat(fallback(BASE, WEB, question(TriggerType.RETRY, null))).contains("not a push");
  }

  @Test
  void aCheckRecordedByAnotherRunSinceMakesThePushWhole() {
    EnvironmentState later = IN_SYNC.checked(APPLIED, false, false, Instant.EPOCH.plusSeconds(5));
    EnvironmentState otherHead = IN_SYNC.checked(NEW, false, false, Instant.EPOCH);
    EnvironmentState otherApplied = IN_SYNC.applied(NEW, APPLIED, Health.HEALTHY, Instant.EPOCH);
    for (EnvironmentState other : List.of(later, otherHead, otherApplied)) {
      assertThat(fallback(BASE, WEB, pushed(other))).contains("another run");
    }
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
      InSync base = inSync(other);
      assertThat(fallback(base, other, pushed(IN_SYNC))).contains("files renderer");
    }
    Environment kubernetes = WEB.withTarget(TargetSpec.Kubernetes.inCluster());
    assertThat(fallback(inSync(kubernetes), kubernetes, pushed(IN_SYNC)))
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
                BASE, WEB, question(TriggerType.WEBHOOK, new SyncOptions(null, false, null, true))))
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
    String id = IncrementalRuns.fingerprint(desired);

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
  void keysOfOneJavaHashAndLengthHaveDifferentFingerprints() {
    // "Aa" and "BB" have one String.hashCode and one length.
    DesiredState aa = StepFixtures.desired(APPLIED, StepFixtures.file("Aa", "x\n"));
    DesiredState bb = StepFixtures.desired(APPLIED, StepFixtures.file("BB", "x\n"));

    assertThat(IncrementalRuns.fingerprint(aa)).isNotEqualTo(IncrementalRuns.fingerprint(bb));
  }
}
