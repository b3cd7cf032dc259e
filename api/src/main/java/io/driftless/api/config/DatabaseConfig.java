package io.driftless.api.config;

import io.driftless.storage.StorageConfig;
import java.nio.file.Path;

/**
 * Where Driftless keeps its state. With no {@code url}, an H2 file database under the data
 * directory; a PostgreSQL URL needs the secrets key from {@code keyFile} or {@code keyEnv}, shared
 * by every replica.
 *
 * @param url {@code jdbc:postgresql://...} or {@code jdbc:h2:...}; null for H2 under the data dir
 * @param keyFile file holding the base64 AES-256 key for credentials at rest; may be null
 * @param keyEnv name of an environment variable holding that key; may be null
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    Integer poolSize,
    Boolean migrateOnStart,
    String keyFile,
    String keyEnv) {

  public DatabaseConfig {
    url = url == null || url.isBlank() ? null : url;
    poolSize = poolSize == null ? StorageConfig.DEFAULT_POOL_SIZE : poolSize;
    if (poolSize < 1) {
      throw new IllegalArgumentException("database.poolSize must be at least 1: " + poolSize);
    }
    migrateOnStart = migrateOnStart == null || migrateOnStart;
  }

  public static DatabaseConfig defaults() {
    return new DatabaseConfig(null, null, null, null, null, null, null);
  }

  public StorageConfig buildStorageConfig(Path dataDir) {
    StorageConfig config =
        new StorageConfig(
            url, user, password, poolSize, migrateOnStart, dataDir, null, keyEnv, null);
    return keyFile == null ? config : config.withKeyFile(Path.of(keyFile).toAbsolutePath());
  }

  @Override
  public String toString() {
    // The URL may carry a password; StorageConfig redacts it.
    return "DatabaseConfig[url=" + (url == null ? "h2" : "set") + ", user=" + user + "]";
  }
}
