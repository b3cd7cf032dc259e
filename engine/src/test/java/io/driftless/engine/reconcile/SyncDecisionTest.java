package io.driftless.engine.reconcile;

import static io.driftless.engine.reconcile.StepFixtures.file;
import static io.driftless.engine.reconcile.SyncDecision.Follow.PIN;
import static io.driftless.engine.reconcile.SyncDecision.Follow.REF;
import static io.driftless.engine.reconcile.SyncDecision.Follow.REQUESTED;
import static io.driftless.engine.reconcile.SyncDecision.Verdict.REFUSE;
import static io.driftless.engine.reconcile.SyncDecision.Verdict.RUN;
import static io.driftless.engine.reconcile.SyncDecision.Verdict.SKIP;
import static io.driftless.engine.reconcile.SyncDecision.Verdict.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sync decision as a table: one question, the whole decision it gets. */
class SyncDecisionTest {
  private static final Revision LAST_HEAD = Revision.of("a".repeat(40));
  private static final Revision NEW_HEAD = Revision.of("b".repeat(40));
  private static final Revision PINNED = Revision.of("c".repeat(40));
  private static final Revision RESTORE = Revision.of("d".repeat(40));

  private static final String AUTO_OFF = "auto-sync is off";
  private static final String HEAL_OFF = "drift left alone: self-heal is off";
  private static final String CLOSED = "sync window closed";

  private static final SyncOptions DEFAULTS = SyncOptions.defaults();
  private static final SyncOptions FORCED = new SyncOptions(null, false, null, true);
  private static final SyncOptions DRY_RUN = SyncOptions.dryRunOnly();
  private static final SyncOptions AT_REVISION = new SyncOptions("v1.2", false, null, false);

  private static final Pin MANUAL_PIN =
      new Pin(PINNED, false, "alice", "bad", null, null, null, null);
  private static final Pin AUTOMATIC_PIN =
      new Pin(PINNED, true, Pin.AUTOMATIC_ACTOR, "health failed", null, new RunId(7), null, null);
  private static final Pin RESTORE_PIN = MANUAL_PIN.withRestore(RESTORE, null);

  private static SyncPolicy policy(boolean auto, boolean selfHeal) {
    return SyncPolicy.defaults().withAuto(auto).withSelfHeal(selfHeal);
  }

  private static EnvironmentState state(boolean suspended, Pin pin) {
    return new EnvironmentState(
        pin, suspended, LAST_HEAD, LAST_HEAD, Health.HEALTHY, false, false, null, false);
  }

  private static final EnvironmentState FOLLOWING = state(false, null);
  private static final EnvironmentState SUSPENDED = state(true, null);
  private static final EnvironmentState RETIRED = state(false, null).withRetired(true);

  /** A run as the engine asks once the head is fetched. */
  private static SyncQuestion run(
      TriggerType trigger, SyncOptions options, SyncPolicy policy, EnvironmentState state) {
    return SyncQuestion.ofRun(trigger, options, policy, state).atHead(LAST_HEAD, false);
  }

  private static SyncQuestion closedWindow(TriggerType trigger, SyncOptions options) {
    return new SyncQuestion(trigger, options, policy(true, false), FOLLOWING, null, false, false);
  }

  private static SyncQuestion pinned(Pin pin, Revision head, boolean restoreOnBranch) {
    return SyncQuestion.ofRun(TriggerType.SCHEDULE, DEFAULTS, policy(true, true), state(false, pin))
        .atHead(head, restoreOnBranch);
  }

  private static SyncDecision decision(
      SyncDecision.Verdict verdict,
      String reason,
      SyncDecision.Follow follow,
      String unpin,
      String gitChanges,
      String drift) {
    return new SyncDecision(verdict, reason, follow, unpin, gitChanges, drift);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // auto-sync and self-heal
        arguments(
            "a scheduled check applies Git's changes and, without self-heal, leaves drift",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(true, false), FOLLOWING),
            decision(RUN, null, REF, null, null, HEAL_OFF)),
        arguments(
            "with self-heal a scheduled check reverts drift too",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(true, true), FOLLOWING),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "a push with self-heal on reverts drift",
            run(TriggerType.WEBHOOK, DEFAULTS, policy(true, true), FOLLOWING),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "auto-sync off leaves Git's changes to a person",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(false, false), FOLLOWING),
            decision(RUN, null, REF, null, AUTO_OFF, HEAL_OFF)),
        arguments(
            "auto-sync off with self-heal still reverts drift",
            run(TriggerType.RETRY, DEFAULTS, policy(false, true), FOLLOWING),
            decision(RUN, null, REF, null, AUTO_OFF, null)),
        arguments(
            "a person's sync applies everything whatever the policy",
            run(TriggerType.API, DEFAULTS, policy(false, false), FOLLOWING),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "a person's rollback applies everything",
            run(TriggerType.ROLLBACK, DEFAULTS, policy(false, false), FOLLOWING),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "an automatic rollback an admin opted into applies everything",
            run(TriggerType.AUTO_ROLLBACK, DEFAULTS, policy(false, false), FOLLOWING),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "a dry run applies nothing, even for a person",
            run(TriggerType.API, DRY_RUN, policy(true, true), FOLLOWING),
            decision(RUN, null, REF, null, "dry run", "dry run")),
        // suspended
        arguments(
            "suspended skips a scheduled check",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(true, true), SUSPENDED),
            decision(SKIP, "suspended", REF, null, null, null)),
        arguments(
            "suspended skips a push",
            run(TriggerType.WEBHOOK, DEFAULTS, policy(true, false), SUSPENDED),
            decision(SKIP, "suspended", REF, null, null, HEAL_OFF)),
        arguments(
            "suspended skips a retry",
            run(TriggerType.RETRY, DEFAULTS, policy(true, true), SUSPENDED),
            decision(SKIP, "suspended", REF, null, null, null)),
        arguments(
            "suspended still runs a person's sync",
            run(TriggerType.API, DEFAULTS, policy(true, false), SUSPENDED),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "retired skips even a person's sync",
            run(TriggerType.API, DEFAULTS, policy(true, false), RETIRED),
            decision(SKIP, "retired", REF, null, null, null)),
        arguments(
            "retired skips a scheduled run",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(true, true), RETIRED),
            decision(SKIP, "retired", REF, null, null, null)),
        // sync windows and force
        arguments(
            "an open window lets a scheduled check run",
            SyncQuestion.ofRun(TriggerType.SCHEDULE, DEFAULTS, policy(true, false), FOLLOWING),
            decision(RUN, null, REF, null, null, HEAL_OFF)),
        arguments(
            "a closed window holds a scheduled check",
            closedWindow(TriggerType.SCHEDULE, DEFAULTS),
            decision(WAIT, CLOSED, REF, null, null, HEAL_OFF)),
        arguments(
            "a closed window holds a push until it opens",
            closedWindow(TriggerType.WEBHOOK, DEFAULTS),
            decision(WAIT, CLOSED, REF, null, null, HEAL_OFF)),
        arguments(
            "a closed window refuses a person's unforced sync",
            closedWindow(TriggerType.API, DEFAULTS),
            decision(REFUSE, CLOSED, REF, null, null, null)),
        arguments(
            "a forced sync runs in a closed window",
            closedWindow(TriggerType.API, FORCED),
            decision(RUN, null, REF, null, null, null)),
        arguments(
            "a retry of a forced sync runs in a closed window",
            closedWindow(TriggerType.RETRY, FORCED),
            decision(RUN, null, REF, null, null, HEAL_OFF)),
        // pins
        arguments(
            "a manual pin holds across new commits, self-heal included",
            pinned(MANUAL_PIN, NEW_HEAD, false),
            decision(RUN, null, PIN, null, null, null)),
        arguments(
            "a pin is held while the head is not fetched yet",
            SyncQuestion.ofRun(
                TriggerType.SCHEDULE, DEFAULTS, policy(true, true), state(false, AUTOMATIC_PIN)),
            decision(RUN, null, PIN, null, null, null)),
        arguments(
            "a requested revision goes past the pin",
            run(TriggerType.API, AT_REVISION, policy(true, false), state(false, MANUAL_PIN)),
            decision(RUN, null, REQUESTED, null, null, null)),
        arguments(
            "a pin whose restore commit is on the branch is released",
            pinned(RESTORE_PIN, NEW_HEAD, true),
            decision(
                RUN,
                null,
                REF,
                "restore commit " + RESTORE.shortId() + " is on the branch",
                null,
                null)),
        arguments(
            "a pin whose restore commit is not on the branch yet holds",
            pinned(RESTORE_PIN, NEW_HEAD, false),
            decision(RUN, null, PIN, null, null, null)),
        // after a failure
        arguments(
            "a newer revision after a failed health releases the automatic rollback pin",
            pinned(AUTOMATIC_PIN, NEW_HEAD, false),
            decision(
                RUN,
                null,
                REF,
                "new commit " + NEW_HEAD.shortId() + " releases the automatic rollback pin",
                null,
                null)),
        arguments(
            "the same revision after a failed health keeps the automatic rollback pin",
            pinned(AUTOMATIC_PIN, LAST_HEAD, false),
            decision(RUN, null, PIN, null, null, null)),
        arguments(
            "a newer revision after a failure without rollback is applied",
            run(TriggerType.SCHEDULE, DEFAULTS, policy(true, false), FOLLOWING)
                .atHead(NEW_HEAD, false),
            decision(RUN, null, REF, null, null, HEAL_OFF)),
        arguments(
            "the same revision after a failure without rollback is tried again",
            run(TriggerType.RETRY, DEFAULTS, policy(true, false), FOLLOWING),
            decision(RUN, null, REF, null, null, HEAL_OFF)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String situation, SyncQuestion question, SyncDecision expected) {
    assertThat(SyncDecision.decide(question)).isEqualTo(expected);
  }

  static Stream<Arguments> pushes() {
    return Stream.of(
        arguments("auto-sync on: a push syncs", policy(true, false), FOLLOWING, null),
        arguments("auto-sync off: a push is skipped", policy(false, true), FOLLOWING, AUTO_OFF),
        arguments("suspended: a push is skipped", policy(true, true), SUSPENDED, "suspended"),
        arguments("suspended says so first", policy(false, false), SUSPENDED, "suspended"),
        arguments("retired: a push is skipped", policy(true, true), RETIRED, "retired"),
        arguments(
            "pinned: a push still queues a run, which holds the pin",
            policy(true, false),
            state(false, MANUAL_PIN),
            null));
  }

  /** The webhook receiver's question: does a push to the followed ref queue a run? */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pushes")
  void answersThePushQuestion(
      String situation, SyncPolicy policy, EnvironmentState state, String skipped) {
    assertThat(SyncDecision.decide(SyncQuestion.ofPush(policy, state)).pushSkipped())
        .isEqualTo(Optional.ofNullable(skipped));
  }

  @Test
  void aPlanIsSplitIntoGitChangesAndDriftInPlanOrder() {
    Change created = Change.create(file("new.conf", "new"));
    Change drifted =
        Change.update(file("edited.conf", "live"), file("edited.conf", "git"), false, true);
    Change deletedByHand = Change.delete(file("gone.conf", "old"), true);
    Plan plan = new Plan(List.of(created, drifted, deletedByHand), List.of(), List.of());

    Selection selection =
        SyncDecision.decide(run(TriggerType.SCHEDULE, DEFAULTS, policy(true, false), FOLLOWING))
            .select(plan);

    assertThat(selection.toApply())
        .as("a delete is Git's change even when flagged as drift")
        .containsExactly(created, deletedByHand);
    assertThat(selection.skipped())
        .containsExactly(
            null, new ResourceOutcome(drifted, ResourceOutcome.Result.SKIPPED, HEAL_OFF), null);
  }

  @Test
  void aClosedWindowHoldsAutomaticRunsRefusesPeopleAndLetsForcedRunsThrough() {
    assertThat(SyncDecision.inClosedWindow(TriggerType.SCHEDULE, DEFAULTS)).isEqualTo(WAIT);
    assertThat(SyncDecision.inClosedWindow(TriggerType.AUTO_ROLLBACK, DEFAULTS)).isEqualTo(WAIT);
    assertThat(SyncDecision.inClosedWindow(TriggerType.ROLLBACK, DEFAULTS)).isEqualTo(REFUSE);
    assertThat(SyncDecision.inClosedWindow(TriggerType.WEBHOOK, FORCED)).isEqualTo(RUN);
  }
}
