package io.driftless.engine.port;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import java.util.Optional;

/**
 * Applied snapshots, content-addressed: a content applied by many runs is stored once, keyed by its
 * {@link ContentHash}.
 */
public interface SnapshotStore {

  /**
   * Stores what {@code run} applied. Only contents whose hash is not stored yet are loaded from
   * {@code desired}. Refused with {@link LeaseLostException} when the lease is no longer held.
   */
  void save(EnvironmentLocks.Lease lease, RunId run, DesiredState desired);

  /** The snapshot of the environment's last successful apply. */
  Optional<Snapshot> lastApplied(EnvironmentName environment);

  /**
   * The newest run of the environment that applied a snapshot and succeeded (its target reported
   * healthy): what automatic rollback re-applies.
   */
  Optional<RunId> lastHealthy(EnvironmentName environment);

  /** The snapshot a run applied, if it applied one. */
  Optional<Snapshot> ofRun(RunId run);

  /** A stored content by hash. */
  Optional<Content> content(ContentHash hash);
}
