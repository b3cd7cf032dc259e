package io.driftless.deploy;

import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.testing.Api;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server started from one of the deploy module's configuration files, as {@code driftless
 * server <file>} starts it, with only what a test machine needs changed: random ports, and the data
 * directory and target root in a temporary directory.
 */
final class RunningServer implements AutoCloseable {
  private final DropwizardAppExtension<DriftlessConfiguration> app;
  private final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningServer(DropwizardAppExtension<DriftlessConfiguration> app, Path dataDir) {
    this.app = app;
    this.dataDir = dataDir;
  }

  static RunningServer start(Path config, Path dir, ConfigOverride... more) throws Exception {
    Path dataDir = dir.resolve("data");
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
    overrides.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
    overrides.add(ConfigOverride.config("dataDir", dataDir.toString()));
    overrides.add(ConfigOverride.config("targets.allowedRoots[0]", targets(dir).toString()));
    overrides.add(ConfigOverride.config("logging.level", "WARN"));
    // The tests' repositories are directories on this machine.
    overrides.add(ConfigOverride.config("git.allowLocalUrls", "true"));
    overrides.addAll(List.of(more));
    DropwizardAppExtension<DriftlessConfiguration> app =
        new DropwizardAppExtension<>(
            DriftlessApplication.class,
            config.toString(),
            overrides.toArray(ConfigOverride[]::new));
    app.before();
    return new RunningServer(app, dataDir);
  }

  static Path targets(Path dir) {
    return dir.resolve("targets");
  }

  DriftlessConfiguration configuration() {
    return app.getConfiguration();
  }

  Path dataDir() {
    return dataDir;
  }

  int port() {
    return app.getLocalPort();
  }

  int adminPort() {
    return app.getAdminPort();
  }

  Api admin() {
    try {
      return new Api(
          "http://localhost:" + port(), Files.readString(dataDir.resolve("admin.token")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(int port, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.after();
  }
}
