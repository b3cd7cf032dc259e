package io.driftless.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.model.ApiError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The one client of the REST contract: JSON over {@link HttpClient} (no extra dependencies, fast to
 * start), the token only ever in the {@code Authorization} header, and every failure turned into
 * one {@link CliException} line that says what to do.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = WireJson.configure(new ObjectMapper());

  private final URI base;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  public ApiClient(String server, String token, Duration timeout) {
    this.base = baseUri(server);
    this.token = token;
    this.timeout = timeout;
    // HTTP/1.1: Jetty would answer an h2c upgrade, but the upgrade costs a round trip.
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (base.getScheme().equals("http")) {
      builder.sslContext(noTls());
    }
    this.http = builder.build();
  }

  /**
   * A TLS context that is never used: without one, HttpClient loads the JDK's default context and
   * parses every CA certificate, a good part of the startup of a plain-HTTP call.
   */
  private static SSLContext noTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[0], new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mapper for the wire records, shared so that its caches are built once. */
  public static ObjectMapper json() {
    return JSON;
  }

  public String server() {
    return base.toString();
  }

  public <T> T get(String path, TypeReference<T> type) {
    return read(send("GET", path, null), type);
  }

  public <T> T post(String path, Object body, TypeReference<T> type) {
    return read(send("POST", path, body), type);
  }

  public <T> T patch(String path, Object body, TypeReference<T> type) {
    return read(send("PATCH", path, body), type);
  }

  public void delete(String path) {
    send("DELETE", path, null);
  }

  /** {@code /api/v1/} plus the segments, each percent-encoded. */
  public static String path(String first, String... segments) {
    StringBuilder p = new StringBuilder("/api/v1/").append(first);
    for (String s : segments) {
      p.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return p.toString();
  }

  /** The query string of the non-null parameters, with a leading {@code ?} when there are any. */
  public static String query(Map<String, ?> params) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, ?> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      q.append(q.length() == 0 ? '?' : '&')
          .append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8));
    }
    return q.toString();
  }

  /** Query parameters in the order given; null values are left out. */
  public static Map<String, Object> params(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * Follows a Server-Sent Events stream in the background, handing each line to {@code line}, until
   * closed. Best effort: a server without the stream, or a broken connection, just ends it.
   */
  public AutoCloseable stream(String path, Consumer<String> line) {
    HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    CompletableFuture<Void> reading =
        response.thenAccept(
            r -> {
              try (Stream<String> lines = r.body()) {
                if (r.statusCode() == 200) {
                  lines.forEach(line);
                }
              } catch (RuntimeException e) {
                // closed, or the connection broke: the caller polls anyway
              }
            });
    return () -> {
      response.cancel(true);
      response.thenAccept(r -> r.body().close());
      reading.cancel(true);
    };
  }

  private HttpRequest.Builder request(String path) {
    if (token == null) {
      throw new CliException(
          "not logged in: run 'driftless login "
              + base
              + " --token-file data/admin.token', or set DRIFTLESS_TOKEN");
    }
    // Relative to the base, so that a server behind a path prefix (https://host/driftless/) works.
    return HttpRequest.newBuilder(base.resolve(path.substring(1)))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token);
  }

  private String send(String method, String path, Object body) {
    HttpRequest.Builder request = request(path).header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("timed out connecting", e);
    } catch (HttpTimeoutException e) {
      throw new CliException(
          "no answer from "
              + base
              + " within "
              + timeout.toSeconds()
              + "s; try again, or check"
              + " the server's log",
          CliException.ERROR,
          e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", CliException.ERROR, e);
    }
    if (response.statusCode() >= 400) {
      throw failure(response);
    }
    return response.body();
  }

  private CliException unreachable(String why, Exception cause) {
    return new CliException(
        "cannot reach the Driftless server at "
            + base
            + " ("
            + why
            + "): is it running? Point --server or DRIFTLESS_SERVER at it, or run 'driftless"
            + " login <url>'",
        CliException.ERROR,
        cause);
  }

  private CliException failure(HttpResponse<String> response) {
    int status = response.statusCode();
    ApiError error;
    try {
      error = JSON.readValue(response.body(), ApiError.class);
    } catch (IOException | RuntimeException e) {
      error = new ApiError(status, response.body(), Map.of());
    }
    String message = error.message().isBlank() ? "HTTP " + status : error.message();
    String hint =
        switch (status) {
          case 401 ->
              "the server did not accept the token (HTTP 401): log in again with 'driftless login "
                  + base
                  + " --token-file <file>', or set DRIFTLESS_TOKEN";
          case 403 -> message + " (HTTP 403): this needs a token with a higher role";
          case 404 -> message + listHint(error.details().get("kind"));
          default ->
              status >= 500
                  ? "the server failed (HTTP " + status + "): " + message + "; see its log"
                  : message;
        };
    return new CliException(hint);
  }

  private static String listHint(String kind) {
    if (kind == null) {
      return "";
    }
    return switch (kind) {
      case "environment" -> "; see 'driftless env list'";
      case "source" -> "; see 'driftless source list'";
      case "token" -> "; see 'driftless token list'";
      case "run" -> "; see 'driftless runs <environment>'";
      default -> "";
    };
  }

  private static <T> T read(String body, TypeReference<T> type) {
    if (type == null || body == null || body.isEmpty()) {
      return null;
    }
    try {
      return JSON.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new CliException(
          "the server's answer is not what this driftless version understands: "
              + e.getOriginalMessage(),
          CliException.ERROR,
          e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URI baseUri(String server) {
    try {
      URI uri = URI.create(server.endsWith("/") ? server : server + "/");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "not a server URL: " + server + " (give one such as http://localhost:8080)");
    }
  }
}
