package io.driftless.storage;

/** The databases Driftless runs on; the few SQL differences are named here. */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StorageConfigException(
        "unsupported database URL (expected jdbc:h2: or jdbc:postgresql:): " + redact(jdbcUrl));
  }

  /** The Flyway location of the migrations only this database needs. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /**
   * Inserts a content unless its hash is stored already. Both keep the first row: contents are
   * addressed by hash, so a second writer has the same bytes.
   */
  public String insertContentIfAbsent() {
    return switch (this) {
      case POSTGRESQL ->
          "INSERT INTO contents (hash, size, data, created_at) VALUES (:hash, :size, :data, :at)"
              + " ON CONFLICT (hash) DO NOTHING";
      case H2 ->
          "MERGE INTO contents c USING (VALUES (CAST(:hash AS CHAR(40)), CAST(:size AS BIGINT),"
              + " CAST(:data AS BYTEA), CAST(:at AS TIMESTAMP WITH TIME ZONE))) s (hash, size,"
              + " data, created_at) ON c.hash = s.hash WHEN NOT MATCHED THEN INSERT (hash, size,"
              + " data, created_at) VALUES (s.hash, s.size, s.data, s.created_at)";
    };
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }
}
