package io.driftless.engine.render;

import io.driftless.engine.EngineException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Desired state could not be rendered; names the file and, where known, the line. */
public final class RenderException extends EngineException {
  private final String file;
  private final int line;

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   */
  public RenderException(String file, int line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  @Override
  public String code() {
    return "render.invalid";
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("file", file);
    if (line > 0) {
      details.put("line", Integer.toString(line));
    }
    return details;
  }
}
