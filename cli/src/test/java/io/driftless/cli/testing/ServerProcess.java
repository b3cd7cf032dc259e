package io.driftless.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code driftless server} from the built jar in a child JVM, on free ports, with an admin token,
 * its log in {@code server.log} of its directory: what the fault tests kill, starve and restart.
 */
public final class ServerProcess implements AutoCloseable {
  /** A valid admin token ({@code dlt_} and 43 base64url characters). */
  public static final String TOKEN = "dlt_faultsfaultsfaultsfaultsfaultsfaultsfaultsf";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dir;
  private final int port;
  private final int adminPort;
  private Process process;

  private ServerProcess(Path dir, int port, int adminPort) {
    this.dir = dir;
    this.port = port;
    this.adminPort = adminPort;
  }

  /**
   * Starts the server in {@code dir} with {@code extraConfig} (YAML top-level sections other than
   * {@code server} and {@code auth}) and waits until {@code /ping} answers.
   */
  public static ServerProcess start(Path dir, String extraConfig) throws IOException {
    int port = freePort();
    int adminPort = freePort();
    String config =
        "server:\n"
            + "  applicationConnectors: [{type: http, port: "
            + port
            + ", bindHost: 127.0.0.1}]\n"
            + "  adminConnectors: [{type: http, port: "
            + adminPort
            + ", bindHost: 127.0.0.1}]\n"
            + "  requestLog: {appenders: []}\n"
            + "auth:\n  adminToken: "
            + TOKEN
            + "\n"
            + "dataDir: "
            + dir.resolve("data")
            + "\n"
            + extraConfig;
    Files.writeString(dir.resolve("driftless.yml"), config);
    ServerProcess server = new ServerProcess(dir, port, adminPort);
    server.restart();
    return server;
  }

  /**
   * Starts the server (again, after {@link #kill}) on the same configuration and data; returns the
   * moment {@code /ping} answered.
   */
  public Instant restart() throws IOException {
    process =
        DriftlessJar.command(dir, Map.of(), "server", "driftless.yml")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (adminStatus("/ping") != 200) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        close();
        throw new AssertionError("the server did not start:\n" + log());
      }
      sleep(200);
    }
    return Instant.now();
  }

  /** SIGKILL: the process ends at once, with no shutdown hook and nothing cleaned up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server survived SIGKILL");
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** GET on the application port with the admin token; the body as JSON (null when empty). */
  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(port, path))).GET());
  }

  public Reply post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(url(port, path)))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of a GET on the admin port, or -1 when nothing answers. */
  public int adminStatus(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url(adminPort, path)))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The Prometheus exposition of {@code /metrics}. */
  public String metrics() {
    return get("/metrics").body();
  }

  /** A reply: status and body. */
  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The application's base URL, for a client such as the CLI. */
  public String baseUrl() {
    return url(port, "");
  }

  private static String url(int port, String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** A port nobody listens on now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server as an operator would (SIGTERM), forcibly if it does not stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
