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

  private final List<Change> alsoFailed;
  private final boolean unhealthy;

  public ApplyException(Change failed, List<Change> applied, String message, Throwable cause) {
    this("apply.failed", failed, applied, List.of(), message, cause, false);
  }

  private ApplyException(
      String code,
      Change failed,
      List<Change> applied,
      List<Change> alsoFailed,
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
    this.alsoFailed = List.copyOf(alsoFailed);
    this.unhealthy = unhealthy;
  }

  /**
   * A target that applies to several places at once (the hosts of an ssh target) and failed on
   * some: {@code failed} is the first change that failed, {@code alsoFailed} the others that failed
   * or were never written where a place failed, {@code applied} every change written elsewhere.
   *
   * @param unhealthy some place was written but did not become healthy (see {@link #unhealthy()})
   */
  public static ApplyException onPlaces(
      Change failed,
      List<Change> applied,
      List<Change> alsoFailed,
      String message,
      boolean unhealthy) {
    return new ApplyException(
        unhealthy ? "apply.unhealthy" : "apply.failed",
        failed,
        applied,
        alsoFailed,
        message,
        null,
        unhealthy);
  }

  /** The changes that failed besides {@link #failed()}, in places that failed; usually none. */
  public List<Change> alsoFailed() {
    return alsoFailed;
  }

  /**
   * Whether written changes did not become healthy (a rollout stopped on a failed post-apply or
   * health command), rather than a change failing to apply: an automatic rollback may follow.
   */
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
