package io.driftless.engine.reconcile;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunResult;
import java.util.List;

/**
 * What a run has learned so far, so that a failure at any step still records how far it got.
 * Immutable: each step returns the next progress.
 *
 * @param head the ref's revision as fetched; null before the fetch
 * @param revision the revision reconciled; null before the fetch
 * @param plan the plan; empty before the diff
 * @param outcomes one per planned change once decided or applied
 * @param commands what the post-apply command printed
 * @param health the target's health once asked
 * @param stateRecorded whether the environment's state was recorded after an apply, so a failure
 *     does not record it again as a mere check
 */
record RunProgress(
    Revision head,
    Revision revision,
    Plan plan,
    List<ResourceOutcome> outcomes,
    List<CommandResult> commands,
    HealthReport health,
    boolean stateRecorded) {

  static RunProgress start() {
    return new RunProgress(null, null, Plan.empty(), List.of(), List.of(), null, false);
  }

  RunProgress resolved(Revision head, Revision revision) {
    return new RunProgress(head, revision, plan, outcomes, commands, health, stateRecorded);
  }

  RunProgress planned(Plan plan) {
    return new RunProgress(head, revision, plan, outcomes, commands, health, stateRecorded);
  }

  RunProgress decided(List<ResourceOutcome> outcomes) {
    return new RunProgress(head, revision, plan, outcomes, commands, health, stateRecorded);
  }

  RunProgress settled(List<CommandResult> commands, HealthReport health) {
    return new RunProgress(head, revision, plan, outcomes, commands, health, stateRecorded);
  }

  RunProgress recorded() {
    return new RunProgress(head, revision, plan, outcomes, commands, health, true);
  }

  RunResult noOp(List<PhaseTiming> phases) {
    return complete(RunResult.noOp(revision), phases);
  }

  RunResult succeeded(List<PhaseTiming> phases) {
    return complete(RunResult.succeeded(revision), phases);
  }

  RunResult failed(RunError error, List<PhaseTiming> phases) {
    return complete(RunResult.failed(revision, error), phases);
  }

  private RunResult complete(RunResult result, List<PhaseTiming> phases) {
    return result.withPlan(plan, outcomes).withPhases(phases).withChecks(commands, health);
  }
}
