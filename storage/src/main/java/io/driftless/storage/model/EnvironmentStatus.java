package io.driftless.storage.model;

/** The one word that sums an environment up in listings, first match wins in this order. */
public enum EnvironmentStatus {
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
  SYNCED
}
