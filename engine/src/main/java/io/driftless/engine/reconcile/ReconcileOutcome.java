package io.driftless.engine.reconcile;

import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import java.util.Optional;

/**
 * What one reconcile did.
 *
 * @param run the recorded run; null when a scheduled check found nothing to apply and recorded only
 *     the environment's {@code lastCheckedAt}
 */
public record ReconcileOutcome(RunId run, RunResult result) {

  public Optional<RunId> recordedRun() {
    return Optional.ofNullable(run);
  }
}
