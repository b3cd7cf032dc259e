package io.driftless.storage.testing;

import io.driftless.engine.port.Stores;
import io.driftless.engine.testing.Prerequisites;
import io.driftless.storage.Storage;
import io.driftless.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The database of one test class: an in-memory H2, or a schema of its own in PostgreSQL. Which
 * PostgreSQL is decided here only: {@code DRIFTLESS_TEST_POSTGRES_URL} if set, else Testcontainers
 * when Docker is available, else the class is skipped with a visible message — except under {@code
 * CI=true}, where a missing PostgreSQL fails the build. A test that needs the database itself (to
 * count rows, open a second pool) takes it as a parameter.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  public static final String URL_VARIABLE = "DRIFTLESS_TEST_POSTGRES_URL";

  private static PostgreSQLContainer container;

  private final boolean postgres;
  private StorageConfig config;
  private String adminUrl;
  private String schema;
  private Path dir;
  private Storage opened;

  private TestDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  public static TestDatabase h2() {
    return new TestDatabase(false);
  }

  public static TestDatabase postgres() {
    return new TestDatabase(true);
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** The configuration of this class's database; migrated on open. */
  public StorageConfig config() {
    return config;
  }

  public Path dir() {
    return dir;
  }

  public Storage open(Clock clock) {
    return Storage.open(config, clock);
  }

  /** This class's storage, opened once with {@code clock} and closed after the class. */
  public Storage storage(Clock clock) {
    if (opened == null) {
      opened = open(clock);
    }
    return opened;
  }

  /** Every port of {@link #storage}, for the port contract tests. */
  public Stores stores(Clock clock) {
    return storage(clock).stores();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("driftless-storage-test");
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    if (!postgres) {
      config =
          new StorageConfig(
              "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
              null,
              null,
              10,
              true,
              dir,
              dir.resolve("test.key"),
              null,
              null);
      return;
    }
    adminUrl = postgresUrl(context);
    schema = name;
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    Path key = dir.resolve("test.key");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    Files.writeString(key, Base64.getEncoder().encodeToString(raw));
    String url = adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    config = new StorageConfig(url, null, null, 10, true, dir, key, null, null);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (opened != null) {
      opened.close();
      opened = null;
    }
    if (postgres && schema != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    } else if (!postgres && config != null) {
      try (Connection c = DriverManager.getConnection(config.jdbcUrl());
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // already closed
      }
    }
    deleteTree(dir);
  }

  /** A plain JDBC connection to this class's database, for checks on raw columns. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl());
  }

  /** Counts rows with plain JDBC, to see what was really written. */
  public long count(String sql, Object... params) throws SQLException {
    try (Connection c = connect();
        java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static synchronized String postgresUrl(ExtensionContext context) {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return url;
    }
    if (container == null && dockerAvailable()) {
      container = new PostgreSQLContainer("postgres:16-alpine");
      container.start();
    }
    if (container != null) {
      return container.getJdbcUrl()
          + "&user="
          + container.getUsername()
          + "&password="
          + container.getPassword();
    }
    String message =
        "PostgreSQL tests of "
            + context.getDisplayName()
            + " need "
            + URL_VARIABLE
            + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or Docker for"
            + " Testcontainers";
    Prerequisites.missing(message);
    return null;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | Error e) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public TestDatabase resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }
}
