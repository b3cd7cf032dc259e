package io.driftless.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database and where the encryption key comes from.
 *
 * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:h2:...}; null means an H2 file
 *     database under {@code dataDir}
 * @param user database user; may be null when the URL carries it
 * @param password database password; may be null
 * @param poolSize the most connections the pool opens
 * @param migrateOnStart run Flyway migrations when the storage opens
 * @param dataDir where the H2 database and a generated key file live
 * @param keyFile a file holding the base64 AES-256 key for secrets at rest; may be null
 * @param keyEnv the name of an environment variable holding the base64 key; may be null
 * @param retention how much run history to keep
 */
public record StorageConfig(
    String jdbcUrl,
    String user,
    String password,
    int poolSize,
    boolean migrateOnStart,
    Path dataDir,
    Path keyFile,
    String keyEnv,
    RetentionPolicy retention) {

  public static final int DEFAULT_POOL_SIZE = 10;
  public static final String GENERATED_KEY_FILE = "secrets.key";

  public StorageConfig {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      Objects.requireNonNull(dataDir, "dataDir is required for the embedded H2 database");
      jdbcUrl = h2FileUrl(dataDir);
    }
    Dialect.of(jdbcUrl);
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
    }
    keyEnv = keyEnv == null || keyEnv.isBlank() ? null : keyEnv;
    retention = retention == null ? RetentionPolicy.defaults() : retention;
  }

  /** The embedded default: an H2 file database under {@code dataDir}, migrated on start. */
  public static StorageConfig h2(Path dataDir) {
    return new StorageConfig(null, null, null, DEFAULT_POOL_SIZE, true, dataDir, null, null, null);
  }

  /** PostgreSQL; the encryption key must still be given with {@link #withKeyFile} or env. */
  public static StorageConfig postgres(String jdbcUrl, String user, String password) {
    return new StorageConfig(
        jdbcUrl, user, password, DEFAULT_POOL_SIZE, true, null, null, null, null);
  }

  public static String h2FileUrl(Path dataDir) {
    // DB_CLOSE_ON_EXIT=FALSE: the pool closes the database, not a JVM hook racing with it.
    // QUERY_CACHE_SIZE: H2 re-parses statements beyond its per-session cache of 8, and a run's
    // writes alone use more distinct statements than that.
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("driftless")
        + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
  }

  public Dialect dialect() {
    return Dialect.of(jdbcUrl);
  }

  public StorageConfig withKeyFile(Path keyFile) {
    return new StorageConfig(
        jdbcUrl, user, password, poolSize, migrateOnStart, dataDir, keyFile, keyEnv, retention);
  }

  public StorageConfig withKeyEnv(String keyEnv) {
    return new StorageConfig(
        jdbcUrl, user, password, poolSize, migrateOnStart, dataDir, keyFile, keyEnv, retention);
  }

  public StorageConfig withMigrateOnStart(boolean migrateOnStart) {
    return new StorageConfig(
        jdbcUrl, user, password, poolSize, migrateOnStart, dataDir, keyFile, keyEnv, retention);
  }

  public StorageConfig withPoolSize(int poolSize) {
    return new StorageConfig(
        jdbcUrl, user, password, poolSize, migrateOnStart, dataDir, keyFile, keyEnv, retention);
  }

  public StorageConfig withRetention(RetentionPolicy retention) {
    return new StorageConfig(
        jdbcUrl, user, password, poolSize, migrateOnStart, dataDir, keyFile, keyEnv, retention);
  }

  @Override
  public String toString() {
    return "StorageConfig[jdbcUrl="
        + Dialect.redact(jdbcUrl)
        + ", user="
        + user
        + ", poolSize="
        + poolSize
        + ", migrateOnStart="
        + migrateOnStart
        + ", dataDir="
        + dataDir
        + ", keyFile="
        + keyFile
        + ", keyEnv="
        + keyEnv
        + ", retention="
        + retention
        + "]";
  }
}
