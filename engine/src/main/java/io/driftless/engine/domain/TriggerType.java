package io.driftless.engine.domain;

/** What started a run. */
public enum TriggerType {
  SCHEDULE,
  WEBHOOK,
  API,
  ROLLBACK,
  RETRY,
  AUTO_ROLLBACK;

  /** Whether a person or a system asked for this run, as opposed to a periodic check. */
  public boolean requested() {
    return this != SCHEDULE;
  }
}
