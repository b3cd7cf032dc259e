package io.driftless.engine.domain;

import java.time.Instant;

/**
 * What Driftless knows of an environment between runs. Nullable fields are unknown or unset.
 *
 * @param pinnedRevision the revision a rollback holds the environment at
 * @param pinnedByAutoRollback a pin set by automatic rollback is released by the next new commit
 * @param appliedRevision the revision of the last successful apply
 * @param headRevision the ref's revision at the last check
 * @param outOfSync live differed from the desired state at the last check
 * @param drift live differed from the last applied snapshot at the last check
 */
public record EnvironmentState(
    Revision pinnedRevision,
    boolean pinnedByAutoRollback,
    boolean suspended,
    Revision appliedRevision,
    Revision headRevision,
    Health health,
    boolean outOfSync,
    boolean drift,
    Instant lastCheckedAt) {

  public EnvironmentState {
    health = health == null ? Health.UNKNOWN : health;
  }

  public static EnvironmentState initial() {
    return new EnvironmentState(null, false, false, null, null, Health.UNKNOWN, false, false, null);
  }

  public boolean pinned() {
    return pinnedRevision != null;
  }

  /** After a check that applied nothing. */
  public EnvironmentState checked(Revision head, boolean outOfSync, boolean drift, Instant at) {
    return new EnvironmentState(
        pinnedRevision,
        pinnedByAutoRollback,
        suspended,
        appliedRevision,
        head,
        health,
        outOfSync,
        drift,
        at);
  }

  /** After a successful apply: live equals desired at {@code applied}. */
  public EnvironmentState applied(Revision applied, Revision head, Health health, Instant at) {
    return new EnvironmentState(
        pinnedRevision, pinnedByAutoRollback, suspended, applied, head, health, false, false, at);
  }

  /** Held at {@code revision}, or released when it is null. */
  public EnvironmentState pinnedAt(Revision revision, boolean automatic) {
    return new EnvironmentState(
        revision,
        revision != null && automatic,
        suspended,
        appliedRevision,
        headRevision,
        health,
        outOfSync,
        drift,
        lastCheckedAt);
  }

  public EnvironmentState withSuspended(boolean suspended) {
    return new EnvironmentState(
        pinnedRevision,
        pinnedByAutoRollback,
        suspended,
        appliedRevision,
        headRevision,
        health,
        outOfSync,
        drift,
        lastCheckedAt);
  }
}
