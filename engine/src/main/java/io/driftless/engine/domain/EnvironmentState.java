package io.driftless.engine.domain;

import java.time.Instant;

/**
 * What Driftless knows of an environment between runs. Nullable fields are unknown or unset.
 *
 * @param pin what holds the environment at a past revision; null when it follows its ref
 * @param appliedRevision the revision of the last successful apply
 * @param headRevision the ref's revision at the last check
 * @param outOfSync live differed from the desired state at the last check
 * @param drift live differed from the last applied snapshot at the last check
 * @param retired removed from its documents with prune: no more runs, its history kept; declaring
 *     it again restores it
 */
public record EnvironmentState(
    Pin pin,
    boolean suspended,
    Revision appliedRevision,
    Revision headRevision,
    Health health,
    boolean outOfSync,
    boolean drift,
    Instant lastCheckedAt,
    boolean retired) {

  public EnvironmentState {
    health = health == null ? Health.UNKNOWN : health;
  }

  public static EnvironmentState initial() {
    return new EnvironmentState(null, false, null, null, Health.UNKNOWN, false, false, null, false);
  }

  public boolean pinned() {
    return pin != null;
  }

  /** The revision a rollback holds the environment at; null when not pinned. */
  public Revision pinnedRevision() {
    return pin == null ? null : pin.revision();
  }

  /** A pin set by automatic rollback is released by the next new commit. */
  public boolean pinnedByAutoRollback() {
    return pin != null && pin.automatic();
  }

  /** After a check that applied nothing. */
  public EnvironmentState checked(Revision head, boolean outOfSync, boolean drift, Instant at) {
    return new EnvironmentState(
        pin, suspended, appliedRevision, head, health, outOfSync, drift, at, retired);
  }

  /** After a successful apply: live equals desired at {@code applied}. */
  public EnvironmentState applied(Revision applied, Revision head, Health health, Instant at) {
    return new EnvironmentState(pin, suspended, applied, head, health, false, false, at, retired);
  }

  /** Held by {@code pin}, or released when it is null. */
  public EnvironmentState pinnedAt(Pin pin) {
    return with(pin, suspended, retired);
  }

  public EnvironmentState withSuspended(boolean suspended) {
    return with(pin, suspended, retired);
  }

  public EnvironmentState withRetired(boolean retired) {
    return with(pin, suspended, retired);
  }

  private EnvironmentState with(Pin pin, boolean suspended, boolean retired) {
    return new EnvironmentState(
        pin,
        suspended,
        appliedRevision,
        headRevision,
        health,
        outOfSync,
        drift,
        lastCheckedAt,
        retired);
  }
}
