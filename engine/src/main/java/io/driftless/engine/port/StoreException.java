package io.driftless.engine.port;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A store refused a request: what it names does not exist, contradicts what is stored, or cannot be
 * held. Every implementation of the ports (database or memory) reports these same types, so the
 * server maps them to HTTP statuses in one place.
 */
public abstract class StoreException extends EngineException {
  protected StoreException(String code, String message, Map<String, String> details) {
    super(code, message, details);
  }
}
