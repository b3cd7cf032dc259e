package io.driftless.engine.port.query;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An environment with its state, status and last run, as listings show it.
 *
 * @param lastRun null before the first run
 * @param notifications the environment's own notification targets, as reads may show them
 */
public record EnvironmentSummary(
    Environment environment,
    EnvironmentState state,
    EnvironmentStatus status,
    RunSummary lastRun,
    Instant createdAt,
    Instant updatedAt,
    List<NotificationSummary> notifications) {
  public EnvironmentSummary {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
  }

  public EnvironmentSummary(
      Environment environment,
      EnvironmentState state,
      EnvironmentStatus status,
      RunSummary lastRun,
      Instant createdAt,
      Instant updatedAt) {
    this(environment, state, status, lastRun, createdAt, updatedAt, List.of());
  }
}
