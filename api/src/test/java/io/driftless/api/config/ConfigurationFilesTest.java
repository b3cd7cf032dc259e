package io.driftless.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.storage.Dialect;
import io.driftless.storage.StorageConfig;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationFilesTest {
  @TempDir Path dir;

  @Test
  void noFileMeansH2UnderDataOnPort8080() {
    DriftlessConfiguration config = ConfigurationFiles.load(null);
    Path data = Path.of("data").toAbsolutePath();
    assertThat(config.dataDir()).isEqualTo(data);
    StorageConfig storage = config.getDatabase().buildStorageConfig(config.dataDir());
    assertThat(storage.dialect()).isEqualTo(Dialect.H2);
    assertThat(storage.jdbcUrl()).contains(data.resolve("driftless").toString());
    assertThat(config.getTargets().allowedRoots(config.dataDir()))
        .containsExactly(data.resolve("targets"));
    assertThat(config.getAuth().adminTokenFile(config.dataDir()))
        .isEqualTo(data.resolve("admin.token"));
    assertThat(config.getGit().workDir(config.dataDir())).isEqualTo(data.resolve("git"));
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort())
        .isEqualTo(8080);
    assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort())
        .isEqualTo(8081);
  }

  @Test
  void postgresWithMoreRootsIsAFewLines() {
    DriftlessConfiguration config =
        ConfigurationFiles.load(Path.of(ResourceHelpers.resourceFilePath("config/postgres.yml")));
    StorageConfig storage = config.getDatabase().buildStorageConfig(config.dataDir());
    assertThat(storage.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(storage.user()).isEqualTo("driftless");
    assertThat(storage.keyEnv()).isEqualTo("DRIFTLESS_SECRETS_KEY");
    assertThat(config.getTargets().allowedRoots(config.dataDir()))
        .containsExactly(Path.of("/srv/www"), Path.of("/etc/nginx/sites-enabled"));
    assertThat(config.getAuth().adminTokenFile(config.dataDir()))
        .isEqualTo(Path.of("/var/lib/driftless/admin.token"));
    assertThat(config.getScheduler().buildSchedulerConfig().clustered()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/driftless"));
  }

  @Test
  void anAdminTokenFromOutsideMustLookIssuedAndIsNeverEchoed() throws Exception {
    assertThatThrownBy(() -> load("weak", "auth:\n  adminToken: hunter2hunter2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("auth.adminToken")
        .hasMessageNotContaining("hunter2hunter2");

    String token = "dlt_" + "Q".repeat(43);
    AuthConfig auth = load("good", "auth:\n  adminToken: " + token + "\n").getAuth();
    assertThat(auth.adminToken()).isEqualTo(token);
    assertThat(auth.toString()).doesNotContain(token);

    assertThat(load("blank", "auth:\n  adminToken: ''\n").getAuth().adminToken()).isNull();
  }

  @Test
  void commandsAreOffUnlessTheFileAllowsThemByAbsolutePathOrName() throws Exception {
    assertThat(ConfigurationFiles.load(null).getCommands().buildPolicy().enabled()).isFalse();

    DriftlessConfiguration allowed =
        load(
            "allowed",
            "commands:\n  enabled: true\n  allowed: [nginx, /usr/local/bin/kustomize]\n");
    assertThat(allowed.getCommands().buildPolicy().allowed())
        .containsExactly("nginx", "/usr/local/bin/kustomize");

    assertThatThrownBy(
            () -> load("relative", "commands:\n  enabled: true\n  allowed: [bin/reload]\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commands")
        .hasMessageContaining("absolute paths or bare program names, not: bin/reload");
  }

  @Test
  void anInvalidFileSaysWhatIsWrong() {
    assertThatThrownBy(
            () ->
                ConfigurationFiles.load(
                    Path.of(ResourceHelpers.resourceFilePath("config/invalid.yml"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
  }

  /** The configuration in file {@code name}.yml holding {@code yaml}. */
  private DriftlessConfiguration load(String name, String yaml) throws IOException {
    return ConfigurationFiles.load(Files.writeString(dir.resolve(name + ".yml"), yaml));
  }
}
