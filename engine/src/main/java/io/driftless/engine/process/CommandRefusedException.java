package io.driftless.engine.process;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A command the server's command policy does not let it run: refused with a 422 naming the field
 * when an environment is registered or changed, and failing the run of one registered before the
 * policy (or its configuration) changed.
 */
public final class CommandRefusedException extends EngineException {
  private final String field;
  private final String command;

  public CommandRefusedException(String field, String command, String message) {
    super(message);
    this.field = field;
    this.command = command;
  }

  @Override
  public String code() {
    return "command.refused";
  }

  /** The field that names the command, its program, and the setting that would allow it. */
  @Override
  public Map<String, String> details() {
    return Map.of("field", field, "command", command, "setting", CommandPolicy.SETTING);
  }
}
