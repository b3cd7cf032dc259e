package io.driftless.engine.process;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A command the server's command policy does not let it run: refused with a 422 naming the field
 * when an environment is registered or changed, and failing the run of one registered before the
 * policy (or its configuration) changed. Its details name the field, the program, and the setting
 * that would allow it.
 */
public final class CommandRefusedException extends EngineException {
  public CommandRefusedException(String field, String command, String message) {
    super(
        "command.refused",
        message,
        Map.of("field", field, "command", command, "setting", CommandPolicy.SETTING));
  }
}
