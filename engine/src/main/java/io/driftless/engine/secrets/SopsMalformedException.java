package io.driftless.engine.secrets;

import java.util.Map;

/** A file that is not well-formed for its store, or whose SOPS metadata is broken. */
public final class SopsMalformedException extends SopsException {
  private final int line;

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   */
  SopsMalformedException(String file, int line, String message) {
    super(file, line, message);
    this.line = line;
  }

  /** 1-based, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  @Override
  public String code() {
    return "sops.malformed";
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = super.details();
    if (line > 0) {
      details.put("line", Integer.toString(line));
    }
    return details;
  }
}
