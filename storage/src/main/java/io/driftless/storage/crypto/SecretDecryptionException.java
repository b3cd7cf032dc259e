package io.driftless.storage.crypto;

import io.driftless.storage.StorageException;

/** A stored secret does not decrypt with the configured key. */
public final class SecretDecryptionException extends StorageException {
  public SecretDecryptionException(String message, Throwable cause) {
    super("storage.secret", message, cause);
  }
}
