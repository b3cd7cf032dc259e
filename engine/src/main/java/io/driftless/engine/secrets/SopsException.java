package io.driftless.engine.secrets;

import io.driftless.engine.EngineException;
import java.util.LinkedHashMap;
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

  SopsException(String file, String message) {
    this(file, 0, message);
  }

  SopsException(String file, int line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
  }

  /** The file as the caller named it. */
  public String file() {
    return file;
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("file", file);
    return details;
  }
}
