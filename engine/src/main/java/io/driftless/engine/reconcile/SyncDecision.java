package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sync decision, made in this one place and asked by the reconciler, the scheduler (what a
 * closed sync window does) and the webhook receiver: whether a run goes ahead, which revision it
 * follows, whether it releases a pin, and which changes of its plan it applies. A pure function of
 * a {@link SyncQuestion}; each "no" carries its reason.
 *
 * @param verdict whether the run goes ahead
 * @param reason why it is skipped or waits; null when it runs
 * @param follow the revision the run reconciles
 * @param unpin why the run releases the pin; null when it keeps it (or there is none)
 * @param gitChanges why changes made in Git are left alone; null when they are applied
 * @param drift why drift (live changed by hand) is left alone; null when it is reverted
 */
public record SyncDecision(
    Verdict verdict, String reason, Follow follow, String unpin, String gitChanges, String drift) {

  /** Whether a run goes ahead. */
  public enum Verdict {
    RUN,
    /** Not run at all: an automatic run of a suspended environment, any run of a retired one. */
    SKIP,
    /** Held until a sync window opens. */
    WAIT,
    /** Refused at once: a person's unforced sync while a sync window is closed. */
    REFUSE
  }

  /** The revision a run reconciles. */
  public enum Follow {
    /** The revision or ref the requester named. */
    REQUESTED,
    /** The head of the environment's ref. */
    REF,
    /** The pinned revision. */
    PIN
  }

  public static SyncDecision decide(SyncQuestion q) {
    TriggerType trigger = q.trigger();
    Verdict verdict = Verdict.RUN;
    String reason = null;
    if (q.state().retired()) {
      verdict = Verdict.SKIP;
      reason = "retired";
    } else if (q.state().suspended() && trigger.automatic()) {
      verdict = Verdict.SKIP;
      reason = "suspended";
    } else if (!q.windowOpen() && inClosedWindow(trigger, q.options()) != Verdict.RUN) {
      verdict = inClosedWindow(trigger, q.options());
      reason = "sync window closed";
    }
    Pin pin = q.state().pin();
    Follow follow;
    String unpin = null;
    if (q.options().revision() != null && !q.options().revision().isBlank()) {
      follow = Follow.REQUESTED;
    } else if (pin == null) {
      follow = Follow.REF;
    } else if (q.head() == null) {
      follow = Follow.PIN;
    } else if (pin.automatic()
        && q.state().headRevision() != null
        && !q.head().equals(q.state().headRevision())) {
      follow = Follow.REF;
      unpin = "new commit " + q.head().shortId() + " releases the automatic rollback pin";
    } else if (pin.restoreCommit() != null && q.restoreCommitOnBranch()) {
      follow = Follow.REF;
      unpin = "restore commit " + pin.restoreCommit().shortId() + " is on the branch";
    } else {
      follow = Follow.PIN;
    }
    boolean overrides = trigger.overridesPolicy();
    String gitChanges = null;
    String drift = null;
    if (q.options().dryRun()) {
      gitChanges = "dry run";
      drift = "dry run";
    } else if (!overrides) {
      gitChanges = q.policy().auto() ? null : "auto-sync is off";
      drift = q.policy().selfHeal() ? null : "drift left alone: self-heal is off";
    }
    return new SyncDecision(verdict, reason, follow, unpin, gitChanges, drift);
  }

  /**
   * What a closed sync window does to a run: a forced one runs (the override is audited), an
   * automatic one waits for the window to open, a person's sync or rollback is refused at once.
   */
  public static Verdict inClosedWindow(TriggerType trigger, SyncOptions options) {
    if (options.force()) {
      return Verdict.RUN;
    }
    return trigger.automatic() ? Verdict.WAIT : Verdict.REFUSE;
  }

  /** Why {@code change} is left alone; empty when it is applied. */
  public Optional<String> skip(Change change) {
    boolean fromGit = change.action() == ChangeAction.DELETE || !change.drift();
    return Optional.ofNullable(fromGit ? gitChanges : drift);
  }

  /**
   * Why a push to the environment's ref does not sync it; empty when it does. Asked by the webhook
   * receiver; a closed window is no reason, the scheduler holds the run until it opens.
   */
  public Optional<String> pushSkipped() {
    return Optional.ofNullable(verdict == Verdict.SKIP ? reason : gitChanges);
  }

  /** Splits a plan into what is applied now and what is left alone, and why. */
  public Selection select(Plan plan) {
    List<Change> toApply = new ArrayList<>();
    List<ResourceOutcome> skipped = new ArrayList<>();
    for (Change change : plan.changes()) {
      Optional<String> why = skip(change);
      if (why.isEmpty()) {
        toApply.add(change);
        skipped.add(null);
      } else {
        skipped.add(new ResourceOutcome(change, ResourceOutcome.Result.SKIPPED, why.get()));
      }
    }
    return new Selection(toApply, skipped);
  }

  /**
   * A plan split by the decision.
   *
   * @param toApply the changes to apply, in plan order
   * @param skipped one per planned change, in plan order: its SKIPPED outcome, or null when it is
   *     applied
   */
  public record Selection(List<Change> toApply, List<ResourceOutcome> skipped) {
    public Selection {
      toApply = List.copyOf(toApply);
      skipped = java.util.Collections.unmodifiableList(new ArrayList<>(skipped));
    }
  }
}
