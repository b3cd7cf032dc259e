package io.driftless.engine.git;

import io.driftless.engine.EngineException;

/** A failure to read from Git. */
public abstract class GitException extends EngineException {
  protected GitException(String message) {
    super(message);
  }

  protected GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
