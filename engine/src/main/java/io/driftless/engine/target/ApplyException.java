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

  public ApplyException(Change failed, List<Change> applied, String message, Throwable cause) {
    super(
        "apply.failed",
        message,
        Map.of(
            "file",
            failed.key().value(),
            "applied",
            String.join(",", applied.stream().map(Change::key).map(ResourceKey::value).toList())),
        cause);
    this.failed = failed;
    this.applied = List.copyOf(applied);
  }

  public Change failed() {
    return failed;
  }

  /** The changes fully applied before the failure, in order. */
  public List<Change> applied() {
    return applied;
  }
}
