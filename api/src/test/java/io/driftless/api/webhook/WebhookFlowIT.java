package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks over HTTP against real Git repositories: a signed push syncs, is in the history and in
 * /metrics; every refusal; every provider's scheme; the failure rate limit; and the secret never
 * shows in a response or a log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookFlowIT {
  // As the shipped configurations run it: behind a proxy, with forwarded headers on.
  @RegisterExtension
  static final TestServer SERVER =
      new TestServer(
          "test-config.yml",
          null,
          ConfigOverride.config("server.applicationConnectors[0].useForwardedHeaders", "true"));

  static final String SECRET = "whsec-7c1f0e2a9b-never-shown";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  record Reply(int status, JsonNode json, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  @Test
  @Order(1)
  void aSignedGithubPushSyncsTheEnvironmentAndIsCounted() throws Exception {
    Api api = SERVER.admin();
    Path target = SERVER.targets().resolve("web-staging");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo-flow"))) {
      repo.commit(Map.of("environments/staging/index.html", "<h1>one</h1>\n"), "first");
      signedSourceFollowedBy(api, "flow", repo, "web-staging");

      String second =
          repo.commit(Map.of("environments/staging/index.html", "<h1>two</h1>\n"), "second")
              .value();
      Reply reply =
          deliver(
              Deliveries.push(
                  WebhookProvider.GITHUB, repo.url(), "refs/heads/main", second, SECRET));
      answered(reply, 202, "queued");
      JsonNode queued = reply.json().path("runs").get(0);
      assertThat(queued.path("environment").asText()).isEqualTo("web-staging");

      Api.Reply run = TestServer.awaitRun(api, queued.path("location").asText());
      assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.text("revision")).isEqualTo(second);
      assertThat(run.json().path("trigger").path("type").asText()).isEqualTo("webhook");
      assertThat(run.json().path("trigger").path("actor").asText()).isEqualTo("github");
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>two</h1>\n");

      Api.Reply history = api.get("/api/v1/environments/web-staging/runs");
      assertThat(history.json().path("items").get(0).path("id").asLong())
          .isEqualTo(run.json().path("id").asLong());

      String metrics = SERVER.metrics();
      assertThat(metrics)
          .contains(
              "driftless_runs_total{environment=\"web-staging\",result=\"succeeded\","
                  + "trigger=\"webhook\"} 1.0")
          .contains("driftless_webhook_requests_total{provider=\"github\",result=\"queued\"} 1.0")
          .contains(
              "driftless_environment_sync_status{environment=\"web-staging\",status=\"synced\"}"
                  + " 1.0")
          .contains("driftless_environment_managed_resources{environment=\"web-staging\"} 1.0")
          .contains(
              "driftless_environment_last_success_timestamp_seconds{environment=\"web-staging\"}");
    }
  }

  @Test
  @Order(2)
  void refusalsAndNothingToDo() throws Exception {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo-refusals"));
        TestGitRepo unsigned = TestGitRepo.create(SERVER.dir.resolve("repo-unsigned"))) {
      String sha = repo.commit(Map.of("environments/staging/a.txt", "a\n"), "first").value();
      String other = unsigned.commit(Map.of("environments/staging/a.txt", "a\n"), "first").value();
      signedSourceFollowedBy(api, "refusals", repo, "refusals-main");
      created(api.post("/api/v1/sources", Map.of("name", "no-secret", "url", unsigned.url())));
      created(api.post("/api/v1/environments", environment("no-secret-main", "no-secret", "main")));

      Deliveries.Delivery good =
          Deliveries.push(WebhookProvider.GITHUB, repo.url(), "refs/heads/main", sha, SECRET);

      Reply bad = deliver(good.withHeader("X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
      refused(bad, 401, "unauthorized");
      Reply wrongKey =
          deliver(
              Deliveries.push(WebhookProvider.GITHUB, repo.url(), "refs/heads/main", sha, "guess"));
      refused(wrongKey, 401, "unauthorized");

      Reply noSecret =
          deliver(
              Deliveries.push(
                  WebhookProvider.GITHUB, unsigned.url(), "refs/heads/main", other, "anything"));
      refused(noSecret, 401, "unauthorized");

      Reply unknown =
          deliver(
              Deliveries.push(
                  WebhookProvider.GITHUB,
                  "https://git.example.invalid/nobody/nothing.git",
                  "refs/heads/main",
                  sha,
                  SECRET));
      refused(unknown, 401, "unauthorized");
      // No oracle of registered repositories: the three failures answer byte for byte alike, and
      // only the server log tells them apart.
      assertThat(List.of(noSecret.body(), unknown.body())).containsOnly(bad.body());
      assertThat(Files.readString(SERVER.serverLog()))
          .contains("refused (bad_signature)")
          .contains("refused (no_secret)")
          .contains("refused (unknown_repository)");

      byte[] huge = new byte[5 * 1024 * 1024 + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      Reply tooLarge = deliver(new Deliveries.Delivery("github", good.headers(), huge));
      refused(tooLarge, 413, "too_large");

      Reply first = deliver(good);
      assertThat(first.status()).as(first.toString()).isEqualTo(202);
      Reply again = deliver(good);
      answered(again, 200, "duplicate");
      assertThat(again.json().path("runs")).isEmpty();
      // A captured signed push replayed under a new delivery id queues nothing either.
      int runs = api.get("/api/v1/environments/refusals-main/runs").json().path("items").size();
      Reply replayed = deliver(good.withHeader("X-GitHub-Delivery", "replayed-" + sha));
      answered(replayed, 200, "duplicate");
      assertThat(replayed.json().path("runs")).isEmpty();
      assertThat(api.get("/api/v1/environments/refusals-main/runs").json().path("items").size())
          .isEqualTo(runs);

      Reply otherBranch =
          deliver(
              Deliveries.push(
                  WebhookProvider.GITHUB, repo.url(), "refs/heads/feature/x", sha, SECRET));
      answered(otherBranch, 200, "ignored");
      assertThat(otherBranch.json().path("message").asText())
          .contains("no environment follows refs/heads/feature/x");

      Reply unknownProvider = deliver(new Deliveries.Delivery("svn", good.headers(), good.body()));
      refused(unknownProvider, 404, "unknown_provider");

      String metrics = SERVER.metrics();
      for (String result : List.of("unauthorized", "too_large", "duplicate")) {
        assertThat(metrics)
            .contains("driftless_webhook_requests_total{provider=\"github\",result=\"" + result);
      }
    }
  }

  @Test
  @Order(3)
  void everyProvidersSchemeQueuesARun() throws Exception {
    Api api = SERVER.admin();
    List<String> failures = new ArrayList<>();
    for (WebhookProvider provider : WebhookProvider.values()) {
      String name = "p-" + provider.label();
      try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo-" + name))) {
        String sha =
            repo.commit(Map.of("environments/staging/p.txt", name + "\n"), "first").value();
        created(
            api.post(
                "/api/v1/sources",
                Map.of("name", name, "url", repo.url(), "webhookSecret", SECRET + name)));
        created(api.post("/api/v1/environments", environment(name, name, "main")));
        Reply reply =
            deliver(Deliveries.push(provider, repo.url(), "refs/heads/main", sha, SECRET + name));
        if (reply.status() != 202 || reply.json().path("runs").size() != 1) {
          failures.add(provider + ": " + reply);
        }
        Reply forged =
            deliver(Deliveries.push(provider, repo.url(), "refs/heads/main", sha, "forged"));
        if (forged.status() != 401) {
          failures.add(provider + " forged: " + forged);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(4)
  void failuresAreRateLimitedButASignedPushStillGetsThrough() throws Exception {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo-limited"))) {
      String sha = repo.commit(Map.of("environments/staging/l.txt", "l\n"), "first").value();
      signedSourceFollowedBy(api, "limited", repo, "limited");
      Reply last = null;
      for (int i = 0; i < 30; i++) {
        // Each from a forged address: no webhooks.trustedProxies, so the socket's peer is limited.
        last =
            deliver(
                Deliveries.push(WebhookProvider.GENERIC, repo.url(), "refs/heads/main", sha, "x")
                    .withHeader("X-Forwarded-For", "203.0.113." + (i + 1)));
      }
      refused(last, 429, "rate_limited");
      Reply valid =
          deliver(
              Deliveries.push(WebhookProvider.GENERIC, repo.url(), "refs/heads/main", sha, SECRET));
      assertThat(valid.status()).as(valid.toString()).isEqualTo(202);
      assertThat(SERVER.metrics())
          .contains(
              "driftless_webhook_requests_total{provider=\"generic\",result=\"rate_limited\"}");
    }
  }

  @Test
  @Order(5)
  void aWebhookSecretShorterThan16BytesIsRefusedNamingTheField() {
    Api api = SERVER.admin();
    Api.Reply created =
        api.post(
            "/api/v1/sources",
            Map.of(
                "name",
                "short",
                "url",
                "https://git.example.invalid/a/b.git",
                "webhookSecret",
                "0123456789"));
    assertThat(created.status()).as(created.toString()).isEqualTo(422);
    assertThat(created.body()).contains("webhookSecret").contains("16 bytes");
    assertThat(api.get("/api/v1/sources/short").status()).isEqualTo(404);

    Api.Reply patched =
        api.send("PATCH", "/api/v1/sources/flow", Map.of("webhookSecret", "0123456789"));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(422);
    assertThat(patched.body()).contains("webhookSecret");
  }

  @Test
  @Order(6)
  void theSecretNeverAppearsInAResponseOrALogLine() throws Exception {
    List<String> responses = new ArrayList<>(SEEN);
    responses.addAll(SERVER.admin().seen());
    assertThat(responses).isNotEmpty().noneMatch(r -> r.contains("whsec-"));
    Api.Reply source = SERVER.admin().get("/api/v1/sources/flow");
    assertThat(source.body()).doesNotContain("whsec-").contains("hasWebhookSecret");
    for (Path log : List.of(SERVER.serverLog(), SERVER.requestLog())) {
      assertThat(Files.readAllLines(log)).as(log.toString()).noneMatch(l -> l.contains("whsec-"));
    }
  }

  static Map<String, Object> environment(String name, String source, String ref) {
    return Map.of(
        "name",
        name,
        "source",
        source,
        "ref",
        ref,
        "path",
        "environments/staging",
        "target",
        Map.of("type", "directory", "root", SERVER.targets().resolve(name).toString()),
        "sync",
        Map.of("auto", true, "prune", true, "interval", "1h"));
  }

  /** A source with the webhook secret, and an environment following its main branch. */
  static void signedSourceFollowedBy(Api api, String source, TestGitRepo repo, String environment) {
    created(
        api.post(
            "/api/v1/sources", Map.of("name", source, "url", repo.url(), "webhookSecret", SECRET)));
    created(api.post("/api/v1/environments", environment(environment, source, "main")));
  }

  static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  /** A delivery the receiver accepted with {@code status}, saying {@code result}. */
  static void answered(Reply reply, int status, String result) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.json().path("result").asText()).as(reply.toString()).isEqualTo(result);
  }

  static void refused(Reply reply, int status, String result) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.json().path("code").asInt()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.json().path("details").path("result").asText())
        .as(reply.toString())
        .isEqualTo(result);
  }

  static Reply deliver(Deliveries.Delivery d) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/webhooks/" + d.provider()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
    d.headers().forEach(request::header);
    HttpResponse<String> response = Api.exchange(HTTP, request.build());
    SEEN.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
    JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Reply(response.statusCode(), json, response.body());
  }
}
