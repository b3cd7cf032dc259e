package io.driftless.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server as an operator runs it: {@code java -jar target/driftless.jar server <config>} in a
 * child process, so that a test can kill it with SIGKILL and start it again on the same data. The
 * configuration is {@code cli-test-config.yml} with fixed free ports and everything under one
 * directory.
 */
final class ServerProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final Path config;
  private final int port;
  private final int adminPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int starts;

  private ServerProcess(Path dir, Path config, int port, int adminPort) {
    this.dir = dir;
    this.config = config;
    this.port = port;
    this.adminPort = adminPort;
  }

  /** Writes the configuration under {@code dir} and starts the server; returns once it answers. */
  static ServerProcess start(Path dir) throws IOException {
    int port = freePort();
    int adminPort = freePort();
    ObjectNode yaml =
        (ObjectNode)
            new YAMLMapper()
                .readTree(
                    Path.of(ResourceHelpers.resourceFilePath("cli-test-config.yml")).toFile());
    ObjectNode server = (ObjectNode) yaml.path("server");
    ((ObjectNode) server.path("applicationConnectors").get(0)).put("port", port);
    ((ObjectNode) server.path("adminConnectors").get(0)).put("port", adminPort);
    ((ObjectNode) server.path("requestLog").path("appenders").get(0))
        .put("currentLogFilename", dir.resolve("request.log").toString());
    ObjectNode logging = (ObjectNode) yaml.path("logging");
    ((ObjectNode) logging.path("appenders").get(0))
        .put("currentLogFilename", dir.resolve("server.log").toString());
    logging.putObject("loggers").put("io.driftless", "INFO");
    yaml.put("dataDir", dir.resolve("data").toString());
    Path config = dir.resolve("driftless.yml");
    new YAMLMapper().writeValue(config.toFile(), yaml);
    ServerProcess started = new ServerProcess(dir, config, port, adminPort);
    started.start();
    return started;
  }

  /** Starts the server (again) on the same configuration and data; returns once it answers. */
  Instant start() throws IOException {
    Path jar = Path.of("target", "driftless.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the package phase builds it");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("stdout-" + (++starts) + ".log");
    process =
        new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "server", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + ": " + Files.readString(out));
      }
      if (answers("http://localhost:" + adminPort + "/ping")) {
        return Instant.now();
      }
      sleep(100);
    }
    throw new IllegalStateException("the server did not answer within " + START_TIMEOUT);
  }

  /** SIGKILL: the process ends at once, with no shutdown hook and nothing cleaned up. */
  void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server survived SIGKILL");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private boolean answers(String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Calls the REST API as the admin; returns the JSON body, failing on a status of 300 or more. */
  JsonNode call(String method, String path, Object body) throws IOException {
    String token = Files.readString(dir.resolve("data/admin.token")).trim();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** Queues a sync of {@code environment}; returns the run's id. */
  long sync(String environment) throws IOException {
    return call("POST", "/api/v1/environments/" + environment + "/sync", JSON.createObjectNode())
        .path("run")
        .asLong();
  }

  /** Waits for a run to reach a final state; returns it. */
  JsonNode awaitRun(long run, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode found = call("GET", "/api/v1/runs/" + run, null);
      if (List.of("succeeded", "failed", "interrupted", "no_op")
          .contains(found.path("status").asText())) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "run " + run + " did not finish in " + timeout + ": " + found);
      }
      sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
