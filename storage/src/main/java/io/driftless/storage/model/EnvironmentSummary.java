package io.driftless.storage.model;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentState;
import java.time.Instant;
import java.util.Objects;

/**
 * An environment with its state, status and last run, as listings show it.
 *
 * @param lastRun null before the first run
 */
public record EnvironmentSummary(
    Environment environment,
    EnvironmentState state,
    EnvironmentStatus status,
    RunSummary lastRun,
    Instant createdAt,
    Instant updatedAt) {
  public EnvironmentSummary {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
  }
}
