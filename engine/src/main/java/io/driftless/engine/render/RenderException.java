package io.driftless.engine.render;

import io.driftless.engine.EngineException;

/** Desired state could not be rendered; names the file and, where known, the line. */
public final class RenderException extends EngineException {
  private final String file;
  private final int line;

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   */
  public RenderException(String file, int line, String message) {
    this(file, line, message, null);
  }

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   * @param cause the engine failure behind it (a SOPS file that does not decrypt), or null
   */
  public RenderException(String file, int line, String message, Throwable cause) {
    super(
        "render.invalid",
        file + (line > 0 ? ":" + line : "") + ": " + message,
        detailsOf("file", file, "line", line > 0 ? Integer.toString(line) : null),
        cause);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
