package io.driftless.engine.port;

import java.util.Map;

/**
 * The change contradicts what is stored: a duplicate name, a source still in use, a finished run.
 */
public final class ConflictException extends StoreException {
  public ConflictException(String message, Map<String, String> details) {
    super("conflict", message, details);
  }
}
