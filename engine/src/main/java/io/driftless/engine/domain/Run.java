package io.driftless.engine.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One run as recorded: the trigger and its lifecycle. The result (plan, outcomes, phases) is
 * present once the run has finished.
 *
 * @param result null until the run finishes
 */
public record Run(
    RunId id,
    EnvironmentName environment,
    Trigger trigger,
    RunStatus status,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    RunResult result) {
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
