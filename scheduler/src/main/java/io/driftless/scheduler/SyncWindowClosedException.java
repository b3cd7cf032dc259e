package io.driftless.scheduler;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A manual sync asked for inside a closed sync window without {@code force}. */
public final class SyncWindowClosedException extends EngineException {
  private final Instant opensAt;

  /**
   * @param opensAt when syncs are next allowed; null when no window opens within the search
   */
  public SyncWindowClosedException(EnvironmentName environment, Instant opensAt) {
    super(
        "sync.window_closed",
        "sync window of environment "
            + environment
            + " is closed"
            + (opensAt == null ? "" : " until " + opensAt)
            + "; use force to sync anyway",
        detailsOf("environment", environment.value(), "opensAt", Objects.toString(opensAt, null)));
    this.opensAt = opensAt;
  }

  /** When syncs are next allowed, if a window opens within the search. */
  public Optional<Instant> opensAt() {
    return Optional.ofNullable(opensAt);
  }
}
