package io.driftless.engine.domain;

/**
 * What the requester asked of one run, on top of the environment's policy.
 *
 * @param revision a ref or revision to sync to instead of the environment's ref; null for the ref
 * @param dryRun compute and record the plan, apply nothing
 * @param prune override the environment's prune setting; null keeps it
 * @param force sync inside a deny window (the override is audited)
 */
public record SyncOptions(String revision, boolean dryRun, Boolean prune, boolean force) {
  public static SyncOptions defaults() {
    return new SyncOptions(null, false, null, false);
  }

  public static SyncOptions dryRunOnly() {
    return new SyncOptions(null, true, null, false);
  }
}
