package io.driftless.storage.crypto;

import io.driftless.storage.StorageException;
import java.util.Map;

/** A stored secret does not decrypt with the configured key. */
public final class SecretDecryptionException extends StorageException {

  public SecretDecryptionException(String message, Throwable cause) {
    super(message, Map.of(), cause);
  }

  @Override
  public String code() {
    return "storage.secret";
  }
}
