package io.driftless.engine.target;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ResourceKey;
import java.util.List;
import java.util.Map;

/** A change that failed during apply; says exactly which changes were applied before it. */
public final class ApplyException extends EngineException {
  private final Change failed;
  private final List<Change> applied;

  private final boolean unhealthy;

  public ApplyException(Change failed, List<Change> applied, String message, Throwable cause) {
    this("apply.failed", failed, applied, message, cause, false);
  }

  private ApplyException(
      String code,
      Change failed,
      List<Change> applied,
      String message,
      Throwable cause,
      boolean unhealthy) {
    super(
        code,
        message,
        Map.of(
            "file",
            failed.key().value(),
            "applied",
            String.join(",", applied.stream().map(Change::key).map(ResourceKey::value).toList())),
        cause);
    this.failed = failed;
    this.applied = List.copyOf(applied);
    this.unhealthy = unhealthy;
  }

  /**
   * A rollout that stopped because a place it had written to did not become healthy (its post-apply
   * or health command failed): what was applied may be rolled back automatically, as after a failed
   * health.
   */
  public static ApplyException unhealthy(
      Change failed, List<Change> applied, String message, Throwable cause) {
    return new ApplyException("apply.unhealthy", failed, applied, message, cause, true);
  }

  /** Whether written changes did not become healthy, rather than a change failing to apply. */
  public boolean unhealthy() {
    return unhealthy;
  }

  public Change failed() {
    return failed;
  }

  /** The changes fully applied before the failure, in order. */
  public List<Change> applied() {
    return applied;
  }
}
