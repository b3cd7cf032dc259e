package io.driftless.engine;

import java.util.Map;

/**
 * The root of every domain failure the engine reports. Each failure has its own subclass, so that
 * the server maps them to HTTP statuses in one place and a run records a typed error, not a log
 * line.
 */
public abstract class EngineException extends RuntimeException {

  protected EngineException(String message) {
    super(message);
  }

  protected EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A stable, machine-readable code for this failure, e.g. {@code git.auth}. */
  public abstract String code();

  /** Structured details (file, line, ref, ...) that help the operator fix the cause. */
  public Map<String, String> details() {
    return Map.of();
  }
}
