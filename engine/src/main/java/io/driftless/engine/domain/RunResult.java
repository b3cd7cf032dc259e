package io.driftless.engine.domain;

import java.util.List;
import java.util.Objects;

/**
 * The typed result of one reconcile: how it ended, at which revision, what the plan was, what
 * happened to each change, how long each phase took and, on failure, why.
 *
 * @param revision the revision reconciled; null when the run failed before resolving it
 * @param plan the plan computed; empty when the run failed before the diff
 * @param outcomes one per planned change, in plan order
 * @param commands output of post-apply and health-check commands, in the order they ran
 * @param error null unless the status is FAILED
 */
public record RunResult(
    RunStatus status,
    Revision revision,
    Plan plan,
    List<ResourceOutcome> outcomes,
    List<PhaseTiming> phases,
    List<CommandResult> commands,
    HealthReport health,
    RunError error) {

  public RunResult {
    Objects.requireNonNull(status, "status");
    plan = plan == null ? Plan.empty() : plan;
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    phases = phases == null ? List.of() : List.copyOf(phases);
    commands = commands == null ? List.of() : List.copyOf(commands);
    health = health == null ? new HealthReport(Health.UNKNOWN, "", "") : health;
    if (status == RunStatus.FAILED && error == null) {
      throw new IllegalArgumentException("a failed run needs an error");
    }
  }

  /** A run that changed nothing; {@code revision} is null when it stopped before resolving one. */
  public static RunResult noOp(Revision revision) {
    return new RunResult(RunStatus.NO_OP, revision, null, null, null, null, null, null);
  }

  /** A run that applied its changes and found the target healthy. */
  public static RunResult succeeded(Revision revision) {
    return new RunResult(RunStatus.SUCCEEDED, revision, null, null, null, null, null, null);
  }

  /** A run that failed; {@code revision} is null when it failed before resolving one. */
  public static RunResult failed(Revision revision, RunError error) {
    return new RunResult(RunStatus.FAILED, revision, null, null, null, null, null, error);
  }

  /** This result with its plan and one outcome per planned change. */
  public RunResult withPlan(Plan plan, List<ResourceOutcome> outcomes) {
    return new RunResult(status, revision, plan, outcomes, phases, commands, health, error);
  }

  /** This result with the timings of its phases. */
  public RunResult withPhases(List<PhaseTiming> phases) {
    return new RunResult(status, revision, plan, outcomes, phases, commands, health, error);
  }

  /** This result with what its post-apply and health-check commands printed, and its health. */
  public RunResult withChecks(List<CommandResult> commands, HealthReport health) {
    return new RunResult(status, revision, plan, outcomes, phases, commands, health, error);
  }

  public boolean drift() {
    return plan.hasDrift();
  }

  public long applied() {
    return outcomes.stream().filter(o -> o.result() == ResourceOutcome.Result.APPLIED).count();
  }
}
