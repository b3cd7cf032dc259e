package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.CommandResult;
import java.util.Map;

/** A post-apply command that exited non-zero or timed out, or a health check that never passed. */
public final class CommandFailedException extends EngineException {
  private final String code;
  private final CommandResult result;

  CommandFailedException(String code, String message, CommandResult result) {
    super(message);
    this.code = code;
    this.result = result;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public Map<String, String> details() {
    if (result == null) {
      return Map.of();
    }
    return Map.of(
        "command", result.name(),
        "exitCode", Integer.toString(result.exitCode()),
        "timedOut", Boolean.toString(result.timedOut()));
  }
}
