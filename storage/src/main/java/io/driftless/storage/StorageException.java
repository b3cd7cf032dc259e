package io.driftless.storage;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * The root of the typed failures the storage module reports. It extends the engine's exception
 * root, so the server maps storage and engine failures to HTTP statuses in one place.
 */
public abstract class StorageException extends EngineException {
  protected StorageException(String code, String message, Throwable cause) {
    super(code, message, Map.of(), cause);
  }
}
