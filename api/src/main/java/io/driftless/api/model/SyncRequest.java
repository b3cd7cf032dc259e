package io.driftless.api.model;

import io.driftless.engine.domain.SyncOptions;

/**
 * {@code POST /api/v1/environments/{name}/sync}; every field is optional.
 *
 * @param revision a branch, tag or full revision instead of the environment's ref
 * @param prune overrides the environment's prune setting for this run
 * @param force syncs inside a closed deny window (audited)
 */
public record SyncRequest(
    String revision, Boolean dryRun, Boolean prune, Boolean force, String reason) {

  public SyncRequest {
    revision = revision == null || revision.isBlank() ? null : revision.trim();
    reason = reason == null ? "" : reason;
  }

  public static SyncRequest empty() {
    return new SyncRequest(null, null, null, null, null);
  }

  public SyncOptions toOptions() {
    return new SyncOptions(
        revision, Boolean.TRUE.equals(dryRun), prune, Boolean.TRUE.equals(force));
  }
}
