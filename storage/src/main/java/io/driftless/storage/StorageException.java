package io.driftless.storage;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * The root of the typed failures the storage module reports. It extends the engine's exception
 * root, so the server maps storage and engine failures to HTTP statuses in one place.
 */
public abstract class StorageException extends EngineException {
  private final Map<String, String> details;

  protected StorageException(String message, Map<String, String> details) {
    super(message);
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  protected StorageException(String message, Map<String, String> details, Throwable cause) {
    super(message, cause);
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  @Override
  public Map<String, String> details() {
    return details;
  }
}
