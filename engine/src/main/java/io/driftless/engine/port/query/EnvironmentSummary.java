package io.driftless.engine.port.query;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.PlaceStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An environment with its state, status and last run, as listings show it.
 *
 * @param lastRun null before the first run
 * @param notifications the environment's own notification targets, as reads may show them
 * @param places the state and applied revision of each place of a target with several (an ssh
 *     target's hosts, by {@code host:port}) after the last run or check; empty for other targets
 */
public record EnvironmentSummary(
    Environment environment,
    EnvironmentState state,
    EnvironmentStatus status,
    RunSummary lastRun,
    Instant createdAt,
    Instant updatedAt,
    List<NotificationSummary> notifications,
    Map<String, PlaceStatus> places) {
  public EnvironmentSummary {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    places = places == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(places));
  }

  public EnvironmentSummary(
      Environment environment,
      EnvironmentState state,
      EnvironmentStatus status,
      RunSummary lastRun,
      Instant createdAt,
      Instant updatedAt) {
    this(environment, state, status, lastRun, createdAt, updatedAt, List.of(), null);
  }
}
