package io.driftless.storage;

import java.util.Map;

/** The storage cannot start as configured, e.g. PostgreSQL without an encryption key. */
public final class StorageConfigException extends StorageException {

  public StorageConfigException(String message) {
    super(message, Map.of());
  }

  public StorageConfigException(String message, Throwable cause) {
    super(message, Map.of(), cause);
  }

  @Override
  public String code() {
    return "storage.config";
  }
}
