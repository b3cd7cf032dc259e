package io.driftless.deploy;

import static io.driftless.deploy.DeployFiles.H2_CONFIG;
import static io.driftless.deploy.DeployFiles.HA_CONFIG;
import static io.driftless.deploy.DeployFiles.KUBERNETES;
import static io.driftless.deploy.DeployFiles.at;
import static io.driftless.deploy.DeployFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.testing.Api;
import io.dropwizard.metrics.servlets.AdminServlet;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example configurations load into the server's configuration class and start the server: the
 * H2 one as it is, the PostgreSQL ones (compose's and the Kubernetes ConfigMap's) against the
 * database named by {@code DRIFTLESS_TEST_POSTGRES_URL}, each in a schema of its own. Only ports,
 * directories and the database address are changed; liveness and readiness answer on the admin port
 * at the paths the probes use.
 */
class ExampleConfigurationsIT {
  private static final String POSTGRES_URL = "DRIFTLESS_TEST_POSTGRES_URL";

  @TempDir Path dir;

  @Test
  void singleNodeOnH2() throws Exception {
    DriftlessConfiguration loaded = DeployFiles.configuration(H2_CONFIG);
    assertThat(loaded.getDatabase().url()).isNull();
    try (RunningServer server = RunningServer.start(H2_CONFIG, dir)) {
      assertServes(server, server.admin(), "h2");
      assertThat(server.configuration().getScheduler().clustered()).isFalse();
    }
  }

  @Test
  void highAvailabilityOnPostgres() throws Exception {
    startOnPostgres(HA_CONFIG, null);
  }

  @Test
  void kubernetesConfigMapOnPostgres() throws Exception {
    Map<String, String> data = at(yaml(KUBERNETES.resolve("configmap.yaml")), "data");
    Path config = dir.resolve("driftless.yml");
    Files.writeString(config, data.get("driftless.yml"));
    // The admin token comes from the Secret: registered on first start, no file written.
    String adminToken = "dlt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
    startOnPostgres(config, adminToken);
  }

  /** Starts the configuration; {@code adminToken} is the Secret's, or null for the file's. */
  private void startOnPostgres(Path config, String adminToken) throws Exception {
    String url = System.getenv(POSTGRES_URL);
    if (url == null || url.isBlank()) {
      String message = POSTGRES_URL + " is not set: the PostgreSQL configuration is not started";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    String schema = "deploy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    // The key the replicas share comes from the environment in production; a test JVM cannot set
    // its own environment, so the same key goes through the key file setting instead.
    Path keyFile = dir.resolve("secrets.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(random(32)));
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(
        ConfigOverride.config(
            "database.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
    overrides.add(ConfigOverride.config("database.keyEnv", ""));
    overrides.add(ConfigOverride.config("database.keyFile", keyFile.toString()));
    if (adminToken != null) {
      overrides.add(ConfigOverride.config("auth.adminToken", adminToken));
    }
    try (RunningServer server =
        RunningServer.start(config, dir, overrides.toArray(ConfigOverride[]::new))) {
      Api api;
      if (adminToken == null) {
        api = server.admin();
      } else {
        assertThat(server.dataDir().resolve("admin.token")).doesNotExist();
        api = new Api("http://localhost:" + server.port(), adminToken);
        assertThat(api.get("/api/v1/tokens").body()).contains("\"admin\"");
      }
      assertServes(server, api, "postgresql");
      DriftlessConfiguration loaded = server.configuration();
      assertThat(loaded.getScheduler().clustered()).isTrue();
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void assertServes(RunningServer server, Api api, String database)
      throws Exception {
    HttpResponse<String> ping = server.get(server.adminPort(), AdminServlet.DEFAULT_PING_URI);
    assertThat(ping.statusCode()).isEqualTo(200);
    HttpResponse<String> health =
        server.get(server.adminPort(), AdminServlet.DEFAULT_HEALTHCHECK_URI);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"database\"").contains(database).contains("\"scheduler\"");
    assertThat(api.get("/api/v1/environments").status()).isEqualTo(200);
  }
}
