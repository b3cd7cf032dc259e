package io.driftless.scheduler;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A manual sync asked for inside a closed sync window without {@code force}. */
public final class SyncWindowClosedException extends EngineException {
  private final EnvironmentName environment;
  private final Instant opensAt;

  /**
   * @param opensAt when syncs are next allowed; null when no window opens within the search
   */
  public SyncWindowClosedException(EnvironmentName environment, Instant opensAt) {
    super(
        "sync window of environment "
            + environment
            + " is closed"
            + (opensAt == null ? "" : " until " + opensAt)
            + "; use force to sync anyway");
    this.environment = environment;
    this.opensAt = opensAt;
  }

  /** When syncs are next allowed, if a window opens within the search. */
  public java.util.Optional<Instant> opensAt() {
    return java.util.Optional.ofNullable(opensAt);
  }

  @Override
  public String code() {
    return "sync.window_closed";
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("environment", environment.value());
    if (opensAt != null) {
      details.put("opensAt", opensAt.toString());
    }
    return details;
  }
}
