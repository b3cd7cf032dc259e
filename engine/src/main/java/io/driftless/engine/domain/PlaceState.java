package io.driftless.engine.domain;

/**
 * The state of one place of a target that applies to several (a host of an ssh target) after the
 * environment's last run or check.
 */
public enum PlaceState {
  /** Live equals what was last applied there, at the revision the environment follows. */
  SYNCED,
  /** Live differs from what was last applied there, without a new commit (a hand edit). */
  DRIFTED,
  /** A change from Git waits there (auto-sync off, a sync window, a rollout stopped before it). */
  OUT_OF_SYNC,
  /** It could not be reached, trusted or written, or did not become healthy. */
  FAILED
}
