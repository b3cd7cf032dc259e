package io.driftless.engine.git;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A failure to read from Git. */
public abstract class GitException extends EngineException {
  protected GitException(String code, String message, Map<String, String> details) {
    super(code, message, details);
  }

  protected GitException(
      String code, String message, Map<String, String> details, Throwable cause) {
    super(code, message, details, cause);
  }
}
