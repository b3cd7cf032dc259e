package io.driftless.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.driftless.engine.secrets.AgeCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A small JSON client of the API that remembers every response body, for the secret checks. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;
  private final List<String> seen;

  public Api(String base, String token) {
    this(base, token, new CopyOnWriteArrayList<>());
  }

  private Api(String base, String token, List<String> seen) {
    this.base = base;
    this.token = token;
    this.seen = seen;
  }

  /** The same server with another token (null for none); shares the record of responses. */
  public Api as(String token) {
    return new Api(base, token, seen);
  }

  /** Every response (status line, headers and body) received so far through any {@link #as}. */
  public List<String> seen() {
    return seen;
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply post(String path, Object body) {
    return send("POST", path, body);
  }

  public Reply patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  public Reply put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** Registers a source; fails the test unless it is created. */
  public Reply createSource(String name, String url) {
    return created(post("/api/v1/sources", Map.of("name", name, "url", url)));
  }

  /**
   * Adds a named credential of {@code type} whose secret is {@code field}; fails the test unless it
   * is created. A token or password may be sent to {@code https://git.example.com/} only.
   */
  public Reply createCredential(String name, String type, String field, String secret) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("name", name, "type", type, field, secret));
    if (type.equals("token") || type.equals("basic")) {
      body.put("origins", java.util.List.of("https://git.example.com/"));
    }
    return created(post("/api/v1/credentials", body));
  }

  /**
   * Adds an age-identity credential with a new key; fails the test unless it is created.
   *
   * @return the key, whose recipient encrypts for the credential
   */
  public AgeCli.Key createAgeIdentity(String name) {
    AgeCli.Key key = AgeCli.keygen();
    createCredential(name, "age-identity", "identity", key.file());
    return key;
  }

  /**
   * Registers a source that decrypts with the named credentials; fails the test unless it is
   * created with them.
   */
  public Reply createSource(String name, String url, List<String> identities) {
    Reply created =
        created(
            post(
                "/api/v1/sources",
                Map.of("name", name, "url", url, "decryption", Map.of("identities", identities))));
    String stored = created.json().path("decryption").path("identities").toString();
    String expected =
        identities.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    if (!stored.equals(expected)) {
      throw new AssertionError("expected the identities " + expected + ": " + created);
    }
    return created;
  }

  /**
   * Sets the host API of {@code source} (the pull-request and status API of {@code type} at {@code
   * url}); fails the test unless it is set.
   */
  public Reply setHost(String source, String type, String url, String repository, String token) {
    return put(
            "/api/v1/sources/" + source + "/host",
            Map.of("type", type, "url", url, "repository", repository, "token", token))
        .expect(200);
  }

  /** Registers an environment; fails the test unless it is created. */
  public Reply createEnvironment(EnvironmentBody environment) {
    return created(post("/api/v1/environments", environment.toMap()));
  }

  private static Reply created(Reply reply) {
    if (reply.status() != 201) {
      throw new AssertionError("expected 201 Created: " + reply);
    }
    return reply;
  }

  /** Asks for a run of {@code environment} ({@code body} may be null) and waits for its end. */
  public Reply sync(String environment, Object body) {
    return finished(post("/api/v1/environments/" + environment + "/sync", body));
  }

  /** Like {@link #sync}, and fails the test unless the run succeeded; returns the run's id. */
  public long syncSucceeded(String environment, Object body) {
    return succeeded(post("/api/v1/environments/" + environment + "/sync", body));
  }

  /**
   * Asks for a rollback of {@code environment} to what {@code body} names and waits for its run.
   */
  public Reply rollback(String environment, Object body) {
    return finished(post("/api/v1/environments/" + environment + "/rollback", body));
  }

  /** Waits for the run that {@code queued} (a 202 Accepted) queued to finish; returns it. */
  public Reply finished(Reply queued) {
    if (queued.status() != 202) {
      throw new AssertionError("expected 202 Accepted: " + queued);
    }
    return TestServer.awaitRun(this, queued.location());
  }

  /** Like {@link #finished}, and fails the test unless the run succeeded; returns its id. */
  public long succeeded(Reply queued) {
    Reply run = finished(queued);
    if (!"succeeded".equals(run.text("status"))) {
      throw new AssertionError("expected a succeeded run: " + run);
    }
    return run.json().path("id").asLong();
  }

  public Reply send(String method, String path, Object body) {
    try {
      String text =
          body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json")
              .method(
                  method,
                  text == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text));
      if (text != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response = exchange(HTTP, request.build());
      seen.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
      JsonNode json = MissingNode.getInstance();
      if (!response.body().isEmpty()) {
        try {
          json = JSON.readTree(response.body());
        } catch (IOException e) {
          json = MissingNode.getInstance();
        }
      }
      return new Reply(
          response.statusCode(),
          json,
          response.body(),
          response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a request, once more if the connection it was given had been closed by the server: after
   * a response to a request whose body it did not read (a 401 before the body, a 413), Jetty may
   * close a connection that the client's pool then hands out again, and the request never reaches
   * the server ("header parser received no bytes").
   */
  public static HttpResponse<String> exchange(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (e instanceof java.net.http.HttpTimeoutException) {
        throw e;
      }
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** One response. */
  public record Reply(int status, JsonNode json, String body, String location) {
    public String text(String field) {
      return json.path(field).asText(null);
    }

    /** This reply; fails the test, showing the reply, unless its status is {@code expected}. */
    public Reply expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected status " + expected + ": " + this);
      }
      return this;
    }

    /** The field a 422 names in its details; null when it names none. */
    public String invalidField() {
      return json.path("details").path("field").asText(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
