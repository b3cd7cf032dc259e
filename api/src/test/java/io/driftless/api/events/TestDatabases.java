package io.driftless.api.events;

import io.driftless.storage.Storage;
import io.driftless.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Storage on an in-memory H2, or on a schema of its own in the PostgreSQL named by {@code
 * DRIFTLESS_TEST_POSTGRES_URL}: the api's own SQL (events, metric readings) must run on both.
 * Without that variable the PostgreSQL case is skipped with a message, except under {@code
 * CI=true}, where it fails.
 *
 * @param adminUrl the PostgreSQL server's URL, to drop the schema on close; null with H2
 * @param schema the PostgreSQL schema of this database; null with H2
 */
public record TestDatabases(Storage storage, String adminUrl, String schema)
    implements AutoCloseable {
  public static final String URL_VARIABLE = "DRIFTLESS_TEST_POSTGRES_URL";

  /** {@code "h2"} or {@code "postgresql"}. */
  public static TestDatabases open(String kind, Path dir, Clock clock) throws Exception {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    Path key = dir.resolve("test.key");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    Files.writeString(key, Base64.getEncoder().encodeToString(raw));
    if (kind.equals("h2")) {
      StorageConfig config =
          new StorageConfig(
              "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
              null,
              null,
              4,
              true,
              dir,
              key,
              null,
              null);
      return new TestDatabases(Storage.open(config, clock), null, null);
    }
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      String message = URL_VARIABLE + " is not set: the PostgreSQL case is not run";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    StorageConfig config = new StorageConfig(schemaUrl, null, null, 4, true, dir, key, null, null);
    return new TestDatabases(Storage.open(config, clock), url, name);
  }

  @Override
  public void close() throws SQLException, IOException {
    storage.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
