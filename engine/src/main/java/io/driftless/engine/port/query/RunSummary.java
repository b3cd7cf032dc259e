package io.driftless.engine.port.query;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A run without its per-resource changes, for history listings.
 *
 * @param revision null until known
 * @param error null unless the run failed
 * @param rollbackOf the run a rollback restores; null otherwise
 */
public record RunSummary(
    RunId id,
    EnvironmentName environment,
    Trigger trigger,
    RunStatus status,
    Revision revision,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    ChangeCounts counts,
    boolean drift,
    List<PhaseTiming> phases,
    RunError error,
    RunId rollbackOf) {
  public RunSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(status, "status");
    counts = counts == null ? ChangeCounts.none() : counts;
    phases = phases == null ? List.of() : List.copyOf(phases);
  }
}
