package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Trigger;
import java.time.Instant;
import java.util.Optional;

/**
 * Run history. A run is created when it is requested (queued) or, for a scheduled check, only once
 * the check finds something to do or fails.
 */
public interface RunStore {

  /** Records a new queued run. */
  default RunId create(EnvironmentName environment, Trigger trigger, Instant at) {
    return create(environment, trigger, at, null);
  }

  /**
   * Records a new queued run; {@code rollbackOf} names the run of the same environment that a
   * rollback restores (null for any other run), so that history links them and retention keeps it.
   */
  RunId create(EnvironmentName environment, Trigger trigger, Instant at, RunId rollbackOf);

  /** Marks a queued run as running. */
  void markRunning(RunId id, Instant at);

  /**
   * Records how a run ended, with its plan, per-resource outcomes and phase timings, all in one
   * transaction. Refused with {@link LeaseLostException} when {@code lease} is no longer held.
   */
  void complete(RunId id, EnvironmentLocks.Lease lease, RunResult result, Instant at);

  Optional<Run> find(RunId id);
}
