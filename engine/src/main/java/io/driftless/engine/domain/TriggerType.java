package io.driftless.engine.domain;

/** What started a run. */
public enum TriggerType {
  SCHEDULE,
  WEBHOOK,
  API,
  ROLLBACK,
  RETRY,
  AUTO_ROLLBACK,
  /** The run that prunes the files of an environment a config environment retires (cascade). */
  RETIRE;

  /**
   * Whether the run is recorded in history even when it changes nothing: everything but a periodic
   * check.
   */
  public boolean requested() {
    return this != SCHEDULE;
  }

  /**
   * Whether the run happens on its own (a schedule, a push, a retry, an automatic rollback) rather
   * than at a person's request: automatic runs wait for an open sync window and skip a suspended
   * environment.
   */
  public boolean automatic() {
    return switch (this) {
      case SCHEDULE, WEBHOOK, RETRY, AUTO_ROLLBACK -> true;
      case API, ROLLBACK, RETIRE -> false;
    };
  }

  /**
   * Whether the run applies what it finds whatever the sync policy says: a person's sync or
   * rollback, an automatic rollback an admin opted into, and a retirement. Other runs apply Git's
   * changes only with auto-sync on, and revert drift only with self-heal on.
   */
  public boolean overridesPolicy() {
    return this == API || this == ROLLBACK || this == AUTO_ROLLBACK || this == RETIRE;
  }
}
