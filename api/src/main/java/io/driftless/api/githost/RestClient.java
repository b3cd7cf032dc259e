package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one host, with the token in one header and bounded retries of what may pass (no
 * answer, 429, 5xx). Nothing here logs or reports the token, a header or a response body.
 */
final class RestClient {
  private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitHostType type;
  private final String baseUrl;
  private final String authHeader;
  private final String authValue;
  private final Transport transport;

  /**
   * How every call to every host goes: one HTTP client, at most {@code attempts} tries each (at
   * least one) with a growing pause of {@code backoff}, each counted in {@code requests}.
   */
  record Transport(HttpClient http, int attempts, Duration backoff, Counter requests) {
    Transport {
      attempts = Math.max(1, attempts);
    }
  }

  RestClient(
      GitHostType type, String baseUrl, String authHeader, String authValue, Transport transport) {
    this.type = type;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.authHeader = authHeader;
    this.authValue = authValue;
    this.transport = transport;
  }

  /** A reply with a 2xx status; its body parsed (missing when empty). */
  record Reply(int status, JsonNode body) {}

  private static JsonNode parse(String answer) {
    if (answer == null || answer.isBlank()) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(answer);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  Reply send(String method, String path, Object body) {
    String text;
    try {
      text = body == null ? null : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .header("User-Agent", "driftless")
            .header(authHeader, authValue)
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", "application/json");
    }
    String what = type.label() + " " + method + " " + path;
    int status = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            transport.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          transport.requests().labelValues(type.label(), "ok").inc();
          return new Reply(status, parse(response.body()));
        }
        if (status != 429 && status < 500) {
          transport.requests().labelValues(type.label(), "refused").inc();
          throw new GitHostException(what + ": HTTP " + status, status);
        }
      } catch (IOException e) {
        status = 0;
        LOG.debug("{}: attempt {} failed: {}", what, attempt, e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHostException(what + ": interrupted", 0);
      }
      transport.requests().labelValues(type.label(), "failed").inc();
      if (attempt >= transport.attempts()) {
        throw new GitHostException(
            what
                + (status == 0 ? ": no answer" : ": HTTP " + status)
                + " after "
                + transport.attempts()
                + " attempts",
            status);
      }
      try {
        Thread.sleep(transport.backoff().toMillis() * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHostException(what + ": interrupted", 0);
      }
    }
  }
}
