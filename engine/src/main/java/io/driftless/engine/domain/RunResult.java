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

  public boolean drift() {
    return plan.hasDrift();
  }

  public long applied() {
    return outcomes.stream().filter(o -> o.result() == ResourceOutcome.Result.APPLIED).count();
  }
}
