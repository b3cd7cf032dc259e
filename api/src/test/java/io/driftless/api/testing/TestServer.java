package io.driftless.api.testing;

import io.driftless.api.DriftlessApplication;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole server on random ports with H2 in a fresh temporary directory, logging to files in it;
 * the admin token is read from the file the first start writes. A class extension: registered on a
 * test class, it starts before the class's first test and stops after its last.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
  public final Path dir;
  public final DropwizardAppExtension<DriftlessConfiguration> app;
  private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();

  public TestServer() {
    this("test-config.yml", null);
  }

  /** The server with commands on, allowing exactly these programs (names or absolute paths). */
  public static TestServer withCommands(String... allowed) {
    return new TestServer(
        "test-config.yml",
        null,
        ConfigOverride.config("commands.enabled", "true"),
        ConfigOverride.config("commands.allowed", String.join(",", allowed)));
  }

  /**
   * The server logging at DEBUG, with overrides: for the tests that search its log for what must
   * never be logged.
   */
  public static TestServer atDebug(ConfigOverride... overrides) {
    List<ConfigOverride> all = new ArrayList<>();
    all.add(ConfigOverride.config("logging.level", "DEBUG"));
    all.addAll(List.of(overrides));
    return new TestServer("test-config.yml", null, all.toArray(ConfigOverride[]::new));
  }

  /**
   * The server on its own configuration file (under test resources) and clock, with overrides, e.g.
   * {@code ConfigOverride.config("notifications.targets[0].url", url)}.
   */
  public TestServer(String configResource, Clock clock, ConfigOverride... overrides) {
    try {
      dir = Files.createTempDirectory("driftless-api-it");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ConfigOverride> all = new ArrayList<>(List.of(overrides));
    all.add(ConfigOverride.config("dataDir", dir.resolve("data").toString()));
    all.add(
        ConfigOverride.config("logging.appenders[0].currentLogFilename", serverLog().toString()));
    all.add(
        ConfigOverride.config(
            "server.requestLog.appenders[0].currentLogFilename", requestLog().toString()));
    app =
        new DropwizardAppExtension<>(
            new DropwizardTestSupport<>(
                DriftlessApplication.class,
                ResourceHelpers.resourceFilePath(configResource),
                all.toArray(ConfigOverride[]::new)) {
              @Override
              public Application<DriftlessConfiguration> newApplication() {
                return clock == null ? new DriftlessApplication() : new DriftlessApplication(clock);
              }
            });
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    app.before();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    app.after();
    for (AutoCloseable resource : owned) {
      resource.close();
    }
  }

  /** A Git repository in the server's directory, closed when the server stops. */
  public TestGitRepo repo(String name) {
    return owned(TestGitRepo.create(dir.resolve(name)));
  }

  /** Closes {@code resource} when the server stops, after the test class's last test. */
  public <T extends AutoCloseable> T owned(T resource) {
    owned.add(resource);
    return resource;
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  public Path targets() {
    return dataDir().resolve("targets");
  }

  public Path serverLog() {
    return dir.resolve("server.log");
  }

  public Path requestLog() {
    return dir.resolve("request.log");
  }

  public String adminToken() {
    try {
      return Files.readString(dataDir().resolve("admin.token")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The application port's URL, e.g. {@code http://localhost:41234}. */
  public String baseUrl() {
    return "http://localhost:" + app.getLocalPort();
  }

  /** The Prometheus exposition of {@code /metrics}; fails the test unless it answers 200. */
  public String metrics() {
    Api.Reply reply = new Api(baseUrl(), null).get("/metrics");
    if (reply.status() != 200) {
      throw new AssertionError("GET /metrics: " + reply);
    }
    return reply.body();
  }

  public Api admin() {
    return new Api(baseUrl(), adminToken());
  }

  public String adminUrl() {
    return "http://localhost:" + app.getAdminPort();
  }

  /** Polls a run until it finished. */
  public static Api.Reply awaitRun(Api api, String location) {
    String path = location.substring(location.indexOf("/api/v1/"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Predicate<String> finished = s -> s != null && !s.equals("queued") && !s.equals("running");
    while (true) {
      Api.Reply run = api.get(path);
      if (finished.test(run.text("status"))) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("run did not finish: " + run);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
