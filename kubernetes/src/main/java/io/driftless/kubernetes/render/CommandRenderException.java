package io.driftless.kubernetes.render;

import io.driftless.engine.EngineException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code command} renderer's command failed, timed out, or printed too much. */
public final class CommandRenderException extends EngineException {
  private final String command;
  private final int exitCode;

  /**
   * @param exitCode the exit code, -1 when it timed out or did not finish
   */
  public CommandRenderException(String command, int exitCode, String message) {
    super(message);
    this.command = command;
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  @Override
  public String code() {
    return "render.command_failed";
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("command", command);
    details.put("exitCode", Integer.toString(exitCode));
    return details;
  }
}
