package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.secrets.AgeCli;
import io.driftless.engine.secrets.Fixtures;
import io.driftless.engine.testing.Processes;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL, a SOPS file's plaintext is never stored: after syncing a secret made by the test
 * and a change of it, a {@code pg_dump} of the server's schema holds neither value, as it is, in
 * base64 or in hex, while the encrypted file is there (snapshots keep it for rollback).
 */
class SopsPostgresIT {
  private static final String URL = System.getenv("DRIFTLESS_TEST_POSTGRES_URL");
  private static final String SCHEMA =
      "sops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @RegisterExtension static final TestServer SERVER = onPostgres();

  private static TestServer onPostgres() {
    if (URL == null || URL.isBlank()) {
      return new TestServer();
    }
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
      Path key = Files.createTempFile("driftless-sops-pg", ".key");
      key.toFile().deleteOnExit();
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      Files.writeString(key, Base64.getEncoder().encodeToString(raw));
      return TestServer.atDebug(
          ConfigOverride.config(
              "database.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA),
          ConfigOverride.config("database.keyFile", key.toString()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + SCHEMA, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (URL != null && !URL.isBlank()) {
      try (Connection c = DriverManager.getConnection(URL);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void aPgDumpHoldsTheEncryptedFileAndNeverItsPlaintext() throws Exception {
    if (URL == null || URL.isBlank()) {
      String message = "DRIFTLESS_TEST_POSTGRES_URL is not set: the PostgreSQL case is not run";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    Api admin = SERVER.admin();
    String first = secrets.next();
    String second = secrets.next();
    AgeCli.Key key = admin.createAgeIdentity("pg-age");
    TestGitRepo repo = SERVER.repo("pg-repo");
    String firstFile =
        Fixtures.encryptedForAge("db.env", "PASSWORD=" + first + "\n", key.recipient());
    repo.commit(Map.of("env/db.env", firstFile), "first");
    admin.createSource("pg", repo.url(), List.of("pg-age"));
    Path target = SERVER.targets().resolve("pg");
    admin.createEnvironment(EnvironmentBody.directory("pg", "pg", "env", target));
    long run1 = admin.syncSucceeded("pg", Map.of());
    assertThat(Files.readString(target.resolve("db.env"))).isEqualTo("PASSWORD=" + first + "\n");
    repo.commit(
        Map.of(
            "env/db.env",
            Fixtures.encryptedForAge("db.env", "PASSWORD=" + second + "\n", key.recipient())),
        "second");
    long run2 = admin.syncSucceeded("pg", Map.of());
    assertThat(Files.readString(target.resolve("db.env"))).isEqualTo("PASSWORD=" + second + "\n");
    assertThat(admin.get("/api/v1/runs/" + run1 + "/compare/" + run2).body())
        .containsPattern(SopsSyncIT.SENSITIVE_CHANGED);

    String dump =
        Processes.run(
            new ProcessBuilder(
                "pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", SCHEMA, "test"));
    assertThat(dump).contains("CREATE TABLE " + SCHEMA + ".contents");
    // The encrypted file is stored (bytea in hex), so a rollback from the snapshot works.
    assertThat(dump)
        .contains(
            java.util.HexFormat.of()
                .formatHex(firstFile.getBytes(StandardCharsets.UTF_8))
                .substring(0, 64));
    secrets.assertNoneIn(dump, "a pg_dump of the server's schema");
    secrets.assertNoneIn(
        String.join("\n", admin.seen())
            + SERVER.metrics()
            + Files.readString(SERVER.serverLog())
            + Files.readString(SERVER.requestLog()),
        "an API response, a metric or the server log");
  }
}
