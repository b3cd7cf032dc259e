package io.driftless.storage;

/** The storage cannot start as configured, e.g. PostgreSQL without an encryption key. */
public final class StorageConfigException extends StorageException {
  public StorageConfigException(String message) {
    this(message, null);
  }

  public StorageConfigException(String message, Throwable cause) {
    super("storage.config", message, cause);
  }
}
