package io.driftless.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code driftless.jar server <config>}) as a child process that a harness can
 * kill with SIGKILL and start again on the same data, with the admin's REST calls it needs.
 */
final class ChildServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of("succeeded", "failed", "interrupted", "no_op");

  private final Path jar;
  private final Path dir;
  private final Path config;
  private final int port;
  private final int adminPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int starts;

  /** Writes a single-node H2 configuration under {@code dir}; call {@link #start} next. */
  ChildServer(Path jar, Path dir) throws IOException {
    this.jar = jar;
    this.dir = dir;
    this.port = freePort();
    this.adminPort = freePort();
    this.config = dir.resolve("driftless.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server:",
            "  applicationConnectors: [{type: http, port: " + port + "}]",
            "  adminConnectors: [{type: http, port: " + adminPort + "}]",
            "  requestLog: {appenders: []}",
            "logging:",
            "  level: WARN",
            "  loggers: {io.driftless: INFO}",
            "  appenders:",
            "    - {type: file, currentLogFilename: '"
                + dir.resolve("server.log")
                + "',"
                + " archive: false}",
            "dataDir: '" + dir.resolve("data") + "'",
            "scheduler: {threads: 2}",
            ""));
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  /** Starts the server; returns the moment it answered its ping. */
  Instant start() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("stdout-" + (++starts % 2) + ".log");
    process =
        new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "server", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited: " + Files.readString(out));
      }
      try {
        HttpResponse<Void> ping =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/ping"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ping.statusCode() == 200) {
          return Instant.now();
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IOException("the server did not answer within 120 s");
  }

  /** SIGKILL, and wait for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    String token = Files.readString(dataDir().resolve("admin.token")).trim();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(
          method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** Queues a sync; returns the run id. */
  long sync(String environment) throws IOException, InterruptedException {
    return call("POST", "/api/v1/environments/" + environment + "/sync", JSON.createObjectNode())
        .path("run")
        .asLong();
  }

  /** Waits for the run to finish; returns it. */
  JsonNode await(long run, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode found = call("GET", "/api/v1/runs/" + run, null);
      if (FINAL.contains(found.path("status").asText()) || System.nanoTime() > deadline) {
        return found;
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
