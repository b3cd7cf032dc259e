package io.driftless.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.model.ApiError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one client of the REST contract: JSON over {@link HttpURLConnection}, the token only ever in
 * the {@code Authorization} header, and every failure turned into one {@link CliException} line
 * that says what to do.
 *
 * <p>Not {@code java.net.http.HttpClient}: its start costs about 200 ms, and its selector thread
 * sits in native code, where the JVM's exit waits 300 ms for it (JDK 17 has no {@code close()}):
 * together more than the rest of a client command. {@code HttpURLConnection} cannot send PATCH, so
 * a PATCH goes as a POST with {@code X-HTTP-Method-Override}, which the server honours.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = WireJson.configure(new ObjectMapper());
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final URI base;
  private final String token;
  private final Duration timeout;

  public ApiClient(String server, String token, Duration timeout) {
    this.base = baseUri(server);
    this.token = token;
    this.timeout = timeout;
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

  public <T> T put(String path, Object body, TypeReference<T> type) {
    return read(send("PUT", path, body), type);
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
    HttpURLConnection connection = open("GET", path, 0);
    connection.setRequestProperty("Accept", "text/event-stream");
    Thread reader =
        new Thread(
            () -> {
              try {
                if (connection.getResponseCode() != 200) {
                  return;
                }
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(
                            connection.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                    line.accept(l);
                  }
                }
              } catch (IOException | RuntimeException e) {
                // closed, or the connection broke: the caller polls anyway
              }
            },
            "driftless-events");
    reader.setDaemon(true);
    reader.start();
    // Closing waits for the reader's read to return (the stream's methods share one lock), which
    // may be until the next event: close from a daemon thread so that the caller never waits.
    return () -> {
      Thread closer = new Thread(connection::disconnect, "driftless-events-close");
      closer.setDaemon(true);
      closer.start();
    };
  }

  private HttpURLConnection open(String method, String path, int readTimeoutMs) {
    if (token == null) {
      throw new CliException(
          "not logged in: run 'driftless login "
              + base
              + " --token-file data/admin.token', or set DRIFTLESS_TOKEN");
    }
    try {
      // Relative to the base, so that a server behind a path prefix (https://host/driftless/)
      // works.
      HttpURLConnection connection =
          (HttpURLConnection) base.resolve(path.substring(1)).toURL().openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(readTimeoutMs);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      if (method.equals("PATCH")) {
        connection.setRequestMethod("POST");
        connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
      } else {
        connection.setRequestMethod(method);
      }
      connection.setRequestProperty("Authorization", "Bearer " + token);
      return connection;
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  private String send(String method, String path, Object body) {
    HttpURLConnection connection = open(method, path, Math.toIntExact(timeout.toMillis()));
    connection.setRequestProperty("Accept", "application/json");
    byte[] bytes = body == null ? null : write(body).getBytes(StandardCharsets.UTF_8);
    if (bytes != null) {
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setFixedLengthStreamingMode(bytes.length);
      connection.setDoOutput(true);
    }
    try {
      try {
        connection.connect();
      } catch (SocketTimeoutException e) {
        throw unreachable("timed out connecting", e);
      }
      if (bytes != null) {
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = connection.getResponseCode();
      String answer =
          readAll(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
      if (status >= 400) {
        throw failure(status, answer);
      }
      return answer;
    } catch (SocketTimeoutException e) {
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
    }
  }

  private static String readAll(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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

  private CliException failure(int status, String body) {
    ApiError error;
    try {
      error = JSON.readValue(body, ApiError.class);
    } catch (IOException | RuntimeException e) {
      error = new ApiError(status, body, Map.of());
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
