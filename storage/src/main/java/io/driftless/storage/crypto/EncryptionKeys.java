package io.driftless.storage.crypto;

import io.driftless.engine.files.PrivateFiles;
import io.driftless.storage.Dialect;
import io.driftless.storage.StorageConfig;
import io.driftless.storage.StorageConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the key that encrypts secrets at rest: from the environment variable named by {@code
 * keyEnv}, else from {@code keyFile}. Only with H2 is a missing key generated (into the key file,
 * or {@code <dataDir>/secrets.key}, mode 0600): replicas sharing a PostgreSQL database must all be
 * given the same key, so there a missing key stops startup.
 */
public final class EncryptionKeys {
  private EncryptionKeys() {}

  public static SecretCipher cipher(StorageConfig config) {
    return new SecretCipher(load(config, System::getenv));
  }

  static byte[] load(StorageConfig config, Function<String, String> env) {
    if (config.keyEnv() != null) {
      String value = env.apply(config.keyEnv());
      if (value != null && !value.isBlank()) {
        return decode(value, "environment variable " + config.keyEnv());
      }
      if (config.keyFile() == null) {
        throw new StorageConfigException(
            "the encryption key variable "
                + config.keyEnv()
                + " is not set; set it to a base64 32-byte key (e.g. `openssl rand -base64 32`)");
      }
    }
    Path file = config.keyFile();
    if (file == null && config.dialect() == Dialect.H2 && config.dataDir() != null) {
      file = config.dataDir().resolve(StorageConfig.GENERATED_KEY_FILE);
    }
    if (file == null && config.dialect() == Dialect.H2) {
      throw new StorageConfigException(
          "no place for the encryption key of secrets at rest: set dataDir (a key is generated"
              + " there), keyFile or keyEnv in the database configuration");
    }
    if (file == null) {
      throw new StorageConfigException(
          "PostgreSQL needs an encryption key for secrets at rest, the same on every replica:"
              + " set keyFile or keyEnv in the database configuration"
              + " (generate one with `openssl rand -base64 32`)");
    }
    if (Files.exists(file)) {
      try {
        return decode(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file);
      } catch (IOException e) {
        throw new StorageConfigException("cannot read the encryption key file " + file, e);
      }
    }
    if (config.dialect() != Dialect.H2) {
      throw new StorageConfigException(
          "the encryption key file "
              + file
              + " does not exist; with PostgreSQL every replica must be given the same key, so"
              + " none is generated (create one with `openssl rand -base64 32`)");
    }
    return generate(file);
  }

  private static byte[] generate(Path file) {
    byte[] key = new byte[SecretCipher.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      PrivateFiles.create(file);
      Files.writeString(
          file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
      return key;
    } catch (FileAlreadyExistsException e) {
      // Another process generated it first: use theirs.
      try {
        return decode(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file);
      } catch (IOException again) {
        throw new StorageConfigException("cannot read the encryption key file " + file, again);
      }
    } catch (IOException e) {
      throw new StorageConfigException("cannot create the encryption key file " + file, e);
    }
  }

  private static byte[] decode(String text, String where) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new StorageConfigException("the encryption key in " + where + " is not base64", e);
    }
    if (key.length != SecretCipher.KEY_BYTES) {
      throw new StorageConfigException(
          "the encryption key in "
              + where
              + " must be "
              + SecretCipher.KEY_BYTES
              + " bytes (base64), not "
              + key.length);
    }
    return key;
  }

  /** For tests: {@link #load} with a given environment. */
  public static SecretCipher cipher(StorageConfig config, Map<String, String> env) {
    return new SecretCipher(load(config, env::get));
  }
}
