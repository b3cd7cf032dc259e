package io.driftless.engine.domain;

/** Where a run is in its lifecycle, or how it ended. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  INTERRUPTED,
  /** Finished with nothing to do. */
  NO_OP;

  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == INTERRUPTED || this == NO_OP;
  }
}
