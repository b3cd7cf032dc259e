package io.driftless.kubernetes.render;

import io.driftless.engine.EngineException;

/** The {@code command} renderer's command failed, timed out, or printed too much. */
public final class CommandRenderException extends EngineException {
  private final int exitCode;

  /**
   * @param exitCode the exit code, -1 when it timed out or did not finish
   */
  public CommandRenderException(String command, int exitCode, String message) {
    super(
        "render.command_failed",
        message,
        detailsOf("command", command, "exitCode", Integer.toString(exitCode)));
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
