package io.driftless.scheduler.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftless.engine.testing.Prerequisites;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** H2 and PostgreSQL data sources for tests; each PostgreSQL test class gets its own schema. */
public final class TestDatabases {
  public static final String POSTGRES_URL_ENV = "DRIFTLESS_TEST_POSTGRES_URL";

  private TestDatabases() {}

  public static HikariDataSource h2Memory() {
    return pool("jdbc:h2:mem:sched-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", 20);
  }

  public static HikariDataSource h2File(Path dir) {
    return pool(
        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("driftless") + ";DB_CLOSE_ON_EXIT=FALSE",
        20);
  }

  public static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  /**
   * The PostgreSQL URL of the test server. Without one the test is skipped with a visible message,
   * except on CI ({@code CI=true}), where a missing server fails the build.
   */
  public static String postgresUrl() {
    String url = System.getenv(POSTGRES_URL_ENV);
    if (url == null || url.isBlank()) {
      String message =
          POSTGRES_URL_ENV
              + " is not set; skipping PostgreSQL tests (e.g."
              + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres)";
      Prerequisites.missing(message);
    }
    return url;
  }

  /** Creates a fresh schema and returns a URL whose connections use it. */
  public static String newSchema(String baseUrl, String prefix) throws SQLException {
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    schema = schema.toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void dropSchema(String baseUrl, String schemaUrl) {
    String schema = schemaUrl.substring(schemaUrl.lastIndexOf("currentSchema=") + 14);
    try (Connection c = DriverManager.getConnection(baseUrl);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop schema " + schema + ": " + e.getMessage());
    }
  }
}
