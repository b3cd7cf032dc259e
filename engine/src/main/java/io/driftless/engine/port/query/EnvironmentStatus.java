package io.driftless.engine.port.query;

import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.RunStatus;

/** The one word that sums an environment up in listings, first match wins in this order. */
public enum EnvironmentStatus {
  /** Retired: removed from its documents with prune; no more runs, its history kept. */
  RETIRED,
  /** Suspended by an operator: nothing is applied. */
  SUSPENDED,
  /** Its last run is queued or running. */
  RUNNING,
  /** Its last run failed. */
  FAILED,
  /** Held at a past revision by a rollback. */
  PINNED,
  /** Never applied. */
  UNKNOWN,
  /** Live drifted, or the ref moved past the applied revision. */
  OUT_OF_SYNC,
  SYNCED;

  /**
   * The rule, decided here once: {@code lastRun} is the status of the environment's newest run,
   * null before the first. Storage's listing filter mirrors it in SQL.
   */
  public static EnvironmentStatus of(EnvironmentState state, RunStatus lastRun) {
    if (state.retired()) {
      return RETIRED;
    }
    if (state.suspended()) {
      return SUSPENDED;
    }
    if (lastRun == RunStatus.QUEUED || lastRun == RunStatus.RUNNING) {
      return RUNNING;
    }
    if (lastRun == RunStatus.FAILED) {
      return FAILED;
    }
    if (state.pinned()) {
      return PINNED;
    }
    if (state.appliedRevision() == null) {
      return UNKNOWN;
    }
    boolean headMoved =
        state.headRevision() != null && !state.headRevision().equals(state.appliedRevision());
    return state.outOfSync() || state.drift() || headMoved ? OUT_OF_SYNC : SYNCED;
  }
}
