package io.driftless.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client reading /api/v1/events with its token sees a sync's run, phase and finish events. */
class EventStreamIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * The lines of one open event stream, read on a thread of its own; {@code ended} completes with
   * the time the body ended.
   */
  record Stream(
      HttpResponse<java.util.stream.Stream<String>> response,
      List<String> lines,
      CompletableFuture<Instant> ended) {}

  @Test
  void aSyncIsStreamedAndCanBeResumed() throws Exception {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      repo.commit(Map.of("environments/staging/index.html", "<h1>one</h1>\n"), "first");
      api.createSource("demo", repo.url());
      api.createEnvironment(
          EnvironmentBody.directory(
              "staging", "demo", "environments/staging", SERVER.targets().resolve("staging")));

      String viewer =
          api.post("/api/v1/tokens", Map.of("name", "watcher", "role", "viewer")).text("token");
      Stream live = open(viewer, null);
      assertThat(live.response().statusCode()).isEqualTo(200);
      assertThat(live.response().headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");

      Api.Reply queued = api.post("/api/v1/environments/staging/sync", Map.of("reason", "sse"));
      long run = TestServer.awaitRun(api, queued.location()).json().path("id").asLong();

      awaitFinished(live);
      List<String> events = events(live.lines());
      assertThat(events)
          .first()
          .satisfies(e -> assertThat(e).contains("event:run.started").contains("\"run\":" + run));
      assertThat(events)
          .anySatisfy(
              e -> assertThat(e).contains("event:run.phase").contains("\"phase\":\"fetch\""))
          .anySatisfy(
              e -> assertThat(e).contains("event:run.phase").contains("\"phase\":\"apply\""))
          .anySatisfy(
              e ->
                  assertThat(e)
                      .contains("event:run.finished")
                      .contains("\"status\":\"succeeded\"")
                      .contains("\"environment\":\"staging\""));

      // Reconnecting after the first event replays the rest, and nothing twice.
      String firstId = idOf(events.get(0));
      Stream resumed = open(viewer, firstId);
      awaitFinished(resumed);
      List<String> replayed = events(resumed.lines());
      assertThat(replayed).hasSize(events.size() - 1);
      assertThat(replayed.stream().map(EventStreamIT::idOf).toList())
          .isEqualTo(events.subList(1, events.size()).stream().map(EventStreamIT::idOf).toList());
      live.response().body().close();
      resumed.response().body().close();
    }
  }

  @Test
  void aStreamEndsWithinTenSecondsOfItsTokenBeingRevoked() throws Exception {
    Api api = SERVER.admin();
    String doomed =
        api.post("/api/v1/tokens", Map.of("name", "doomed", "role", "viewer")).text("token");
    String other =
        api.post("/api/v1/tokens", Map.of("name", "bystander", "role", "viewer")).text("token");
    Stream revoked = open(doomed, null);
    Stream kept = open(other, null);
    assertThat(revoked.response().statusCode()).isEqualTo(200);

    Instant revokedAt = Instant.now();
    assertThat(api.delete("/api/v1/tokens/doomed").status()).isEqualTo(204);

    Instant end = revoked.ended().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(Duration.between(revokedAt, end)).isLessThan(Duration.ofSeconds(10));
    // The other token's stream goes on, and the revoked token opens no new one.
    assertThat(kept.ended()).isNotDone();
    HttpResponse<String> again =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + doomed)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(401);
    kept.response().body().close();
  }

  @Test
  void aTokenIsRequired() throws Exception {
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  /** Waits for a run.finished event; on timeout, says what the stream and the log showed. */
  static void awaitFinished(Stream stream) throws java.io.IOException {
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> String.join("\n", stream.lines()).contains("run.finished"));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "no run.finished; stream: "
              + stream.lines()
              + "\nlog: "
              + java.nio.file.Files.readAllLines(SERVER.serverLog()).stream()
                  .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("event"))
                  .toList(),
          e);
    }
  }

  static Stream open(String token, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.util.stream.Stream<String>> response =
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .get(10, java.util.concurrent.TimeUnit.SECONDS);
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Instant> ended = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (RuntimeException closed) {
                // the test closed the stream
              }
              ended.complete(Instant.now());
            },
            "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
    return new Stream(response, lines, ended);
  }

  /** The events (blank-line separated blocks with an id), comments dropped, spaces removed. */
  static List<String> events(List<String> lines) {
    List<String> events = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    for (String line : lines) {
      if (line.isEmpty()) {
        if (block.indexOf("id:") >= 0) {
          events.add(block.toString());
        }
        block.setLength(0);
      } else if (!line.startsWith(":")) {
        block.append(line.replaceFirst("^(\\w+): ?", "$1:")).append('\n');
      }
    }
    return events;
  }

  static String idOf(String event) {
    return event.lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3);
  }

  static String base() {
    return SERVER.baseUrl();
  }
}
