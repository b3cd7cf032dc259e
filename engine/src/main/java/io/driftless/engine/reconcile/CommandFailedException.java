package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.CommandResult;
import java.util.Map;

/** A post-apply command that exited non-zero or timed out, or a health check that never passed. */
public final class CommandFailedException extends EngineException {
  CommandFailedException(String code, String message, CommandResult result) {
    super(code, message, details(result));
  }

  private static Map<String, String> details(CommandResult result) {
    if (result == null) {
      return Map.of();
    }
    return Map.of(
        "command", result.name(),
        "exitCode", Integer.toString(result.exitCode()),
        "timedOut", Boolean.toString(result.timedOut()));
  }
}
