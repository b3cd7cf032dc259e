package io.driftless.engine.port;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A store refused a request: what it names does not exist, contradicts what is stored, or cannot be
 * held. Every implementation of the ports (database or memory) reports these same types, so the
 * server maps them to HTTP statuses in one place.
 */
public abstract class StoreException extends EngineException {
  private final Map<String, String> details;

  protected StoreException(String message, Map<String, String> details) {
    super(message);
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  @Override
  public Map<String, String> details() {
    return details;
  }
}
