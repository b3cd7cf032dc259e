package io.driftless.engine.secrets;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A SOPS file that cannot be read, decrypted or written. Each kind of failure is its own subclass
 * with its own {@link #code()}. Messages name the file and what to do; they never hold a decrypted
 * value or key material.
 */
public abstract sealed class SopsException extends EngineException
    permits SopsKeyNotFoundException,
        SopsMacMismatchException,
        SopsMalformedException,
        SopsUnsupportedException {
  private final String file;
  private final int line;
  private final String reason;

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   * @param moreDetails what the subclass adds to the file and line in {@link #details()}
   */
  SopsException(
      String code, String file, int line, String message, Map<String, String> moreDetails) {
    super(
        code,
        file + (line > 0 ? ":" + line : "") + ": " + message,
        details(file, line, moreDetails));
    this.file = file;
    this.line = line;
    this.reason = message;
  }

  /** The file as the caller named it. */
  public String file() {
    return file;
  }

  /** 1-based, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /**
   * The message without the file and line in front, for a caller that names the file its own way (a
   * renderer names it relative to the environment's path).
   */
  public String reason() {
    return reason;
  }

  private static Map<String, String> details(
      String file, int line, Map<String, String> moreDetails) {
    Map<String, String> details =
        detailsOf("file", file, "line", line > 0 ? Integer.toString(line) : null);
    details.putAll(moreDetails);
    return details;
  }
}
