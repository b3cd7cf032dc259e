package io.driftless.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.Promtool;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.MutableClock;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications end to end: a real server on a real Git repository and directory targets, posting
 * to a local receiver. The clock is the system's plus an offset the tests move past quiet periods.
 */
class NotificationsIT {
  static final Receiver RECEIVER = Receiver.start();
  static final MutableClock CLOCK = MutableClock.ticking();
  static final String GLOBAL_KEY = "global-signing-key-0123456789";
  static final String HOOK_KEY = "environment-signing-key-abcdef";

  @RegisterExtension
  static final TestServer SERVER =
      new TestServer(
          "notifications-config.yml",
          CLOCK,
          ConfigOverride.config("notifications.targets[0].url", RECEIVER.url("/global")));

  static TestGitRepo repo;
  static String first;

  @BeforeAll
  static void source() {
    repo = SERVER.repo("repo");
    first = repo.commit(Map.of("envs/web/index.html", "<h1>one</h1>\n"), "first").value();
    Api.Reply source =
        SERVER
            .admin()
            .post("/api/v1/sources", Map.of("name", "web", "url", repo.url()))
            .expect(201);
  }

  @AfterAll
  static void close() {
    RECEIVER.close();
  }

  @Test
  void aBurstOfTenFailuresGivesOneMessagePerQuietPeriod() throws Exception {
    Api api = SERVER.admin();
    register("burst", "no-such-branch", webhook("/burst", HOOK_KEY, List.of("run.failed")));
    double suppressedBefore = metric("webhook", "run.failed", "suppressed");

    for (int i = 0; i < 10; i++) {
      assertThat(sync(api, "burst").text("status")).isEqualTo("failed");
    }

    await().until(() -> metric("webhook", "run.failed", "suppressed") - suppressedBefore == 9);
    await().until(() -> RECEIVER.requests("/burst").size() == 1);
    Receiver.Request message = RECEIVER.requests("/burst").get(0);
    assertSigned(message, HOOK_KEY);
    JsonNode body = message.json();
    assertThat(body.path("event").asText()).isEqualTo("run.failed");
    assertThat(body.path("environment").asText()).isEqualTo("burst");
    assertThat(body.path("status").asText()).isEqualTo("failed");
    assertThat(body.path("trigger").asText()).isEqualTo("api");
    assertThat(body.path("actor").asText()).isEqualTo("admin");
    assertThat(body.path("reason").asText()).contains("no-such-branch");
    assertThat(body.path("time").asText()).isNotEmpty();
    assertThat(body.path("link").asText())
        .isEqualTo("https://driftless.example.com/api/v1/runs/" + body.path("run").asLong());
    assertThat(body.path("id").asText()).isEqualTo(message.header("X-Driftless-Delivery"));
    assertThat(message.header("X-Driftless-Event")).isEqualTo("run.failed");
    assertThat(message.header("X-Driftless-Timestamp")).matches("\\d+");

    // Still within the period: nothing new.
    CLOCK.advance(Duration.ofMinutes(4));
    sync(api, "burst");
    await().until(() -> metric("webhook", "run.failed", "suppressed") - suppressedBefore == 10);
    assertThat(RECEIVER.requests("/burst")).hasSize(1);

    // Past it: the next failure is sent again.
    CLOCK.advance(Duration.ofMinutes(1));
    Api.Reply eleventh = sync(api, "burst");
    await().until(() -> RECEIVER.requests("/burst").size() == 2);
    Receiver.Request again = RECEIVER.requests("/burst").get(1);
    assertSigned(again, HOOK_KEY);
    assertThat(again.json().path("run").asLong()).isEqualTo(eleventh.json().path("id").asLong());
  }

  @Test
  void aHangingReceiverDoesNotSlowRunsAndItsRetriesAreBounded() throws Exception {
    Api api = SERVER.admin();
    CountDownLatch release = RECEIVER.hang("/hang");
    register("hang", "no-such-branch", webhook("/hang", HOOK_KEY, null));
    double timeoutsBefore = attempts("webhook", "timeout");
    double failedBefore = metric("webhook", "run.failed", "failed");

    assertThat(sync(api, "hang").text("status")).isEqualTo("failed");
    await().until(() -> RECEIVER.hanging() >= 1);
    // The receiver holds the delivery; another run still starts and finishes.
    assertThat(sync(api, "hang").text("status")).isEqualTo("failed");
    assertThat(release.getCount()).isEqualTo(1);

    // Three attempts (maxAttempts), each given up at the read timeout, then one failure.
    await().until(() -> metric("webhook", "run.failed", "failed") - failedBefore == 1);
    assertThat(attempts("webhook", "timeout") - timeoutsBefore).isEqualTo(3);
    List<Receiver.Request> tries = RECEIVER.requests("/hang");
    assertThat(tries).hasSize(3);
    assertThat(tries.stream().map(r -> r.header("X-Driftless-Delivery")).distinct()).hasSize(1);
    release.countDown();
  }

  @Test
  void aReceiverThatAnswers500IsRetriedABoundedNumberOfTimes() throws Exception {
    Api api = SERVER.admin();
    RECEIVER.answer("/error", 500);
    register("error", "no-such-branch", webhook("/error", HOOK_KEY, null));
    double errorsBefore = attempts("webhook", "error_status");
    double failedBefore = metric("webhook", "run.failed", "failed");

    assertThat(sync(api, "error").text("status")).isEqualTo("failed");

    await().until(() -> metric("webhook", "run.failed", "failed") - failedBefore == 1);
    assertThat(attempts("webhook", "error_status") - errorsBefore).isEqualTo(3);
    List<Receiver.Request> tries = RECEIVER.requests("/error");
    assertThat(tries).hasSize(3);
    for (Receiver.Request r : tries) {
      assertSigned(r, HOOK_KEY);
    }
  }

  @Test
  void aDeliveryThatFailsEveryAttemptFreesTheQuietPeriodForTheNextEvent() throws Exception {
    Api api = SERVER.admin();
    RECEIVER.answer("/dead", 500);
    register("dead", "no-such-branch", webhook("/dead", HOOK_KEY, List.of("run.failed")));
    double failedBefore = metric("webhook", "run.failed", "failed");
    double suppressedBefore = metric("webhook", "run.failed", "suppressed");

    assertThat(sync(api, "dead").text("status")).isEqualTo("failed");
    await().until(() -> metric("webhook", "run.failed", "failed") - failedBefore == 1);
    assertThat(RECEIVER.requests("/dead")).hasSize(3);

    // Within the quiet period, the next failure is delivered again: nothing got through.
    assertThat(sync(api, "dead").text("status")).isEqualTo("failed");
    await().until(() -> metric("webhook", "run.failed", "failed") - failedBefore == 2);
    assertThat(RECEIVER.requests("/dead")).hasSize(6);
    assertThat(metric("webhook", "run.failed", "suppressed")).isEqualTo(suppressedBefore);

    // The receiver is back: the next failure gets through, and now the quiet period holds.
    RECEIVER.answer("/dead", 204);
    Api.Reply third = sync(api, "dead");
    await().until(() -> metric("webhook", "run.failed", "delivered") >= 1);
    await().until(() -> RECEIVER.requests("/dead").size() == 7);
    assertThat(RECEIVER.requests("/dead").get(6).json().path("run").asLong())
        .isEqualTo(third.json().path("id").asLong());
    sync(api, "dead");
    await().until(() -> metric("webhook", "run.failed", "suppressed") - suppressedBefore == 1);
    assertThat(RECEIVER.requests("/dead")).hasSize(7);
  }

  @Test
  void aFailureFollowedByANoOpScheduledCheckSendsRecoveredOnce() throws Exception {
    Api api = SERVER.admin();
    register("check", "no-such-branch", webhook("/check", HOOK_KEY, List.of("run.recovered")));
    Api.Reply failed = sync(api, "check");
    assertThat(failed.text("status")).isEqualTo("failed");

    // Fixed, and checked every second by the scheduler; auto-sync is off, so a check applies
    // nothing and records no run.
    Api.Reply patched =
        api.patch(
                "/api/v1/environments/check",
                Map.of("ref", "main", "sync", Map.of("auto", false, "interval", "1s")))
            .expect(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.requests("/check").size() == 1);
    Receiver.Request recovered = RECEIVER.requests("/check").get(0);
    assertSigned(recovered, HOOK_KEY);
    JsonNode body = recovered.json();
    assertThat(body.path("event").asText()).isEqualTo("run.recovered");
    assertThat(body.path("run").isNull()).isTrue();
    assertThat(body.path("trigger").asText()).isEqualTo("schedule");
    assertThat(body.path("status").asText()).isEqualTo("no_op");
    assertThat(body.path("revision").asText()).isEqualTo(first);
    assertThat(body.path("link").asText())
        .isEqualTo("https://driftless.example.com/api/v1/environments/check");

    // More checks, past the quiet period too: still one message, and no run row for any check.
    CLOCK.advance(Duration.ofMinutes(6));
    Instant since = CLOCK.instant();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> lastCheckedAt(api, "check").isAfter(since.plusSeconds(2)));
    assertThat(RECEIVER.requests("/check")).hasSize(1);
    JsonNode runs = api.get("/api/v1/environments/check/runs").json().path("items");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("id").asLong()).isEqualTo(failed.json().path("id").asLong());
    Api.Reply slow =
        api.patch(
                "/api/v1/environments/check",
                Map.of("sync", Map.of("auto", false, "interval", "1h")))
            .expect(200);
  }

  @Test
  void recoveryAfterAFailureAndDriftAreSentToSlackAndWebhooks() throws Exception {
    Api api = SERVER.admin();
    register(
        "recover",
        "no-such-branch",
        Map.of("type", "slack", "url", RECEIVER.url("/slack/T000/B000/slackTOKEN")),
        webhook("/recover", HOOK_KEY, List.of("run.recovered", "drift.detected")));
    assertThat(sync(api, "recover").text("status")).isEqualTo("failed");
    await().until(() -> RECEIVER.requests("/slack/T000/B000/slackTOKEN").size() == 1);

    Api.Reply patched =
        api.patch("/api/v1/environments/recover", Map.of("ref", "main")).expect(200);
    Api.Reply fixed = sync(api, "recover");
    assertThat(fixed.text("status")).isEqualTo("succeeded");

    await().until(() -> RECEIVER.requests("/recover").size() == 1);
    Receiver.Request recovered = RECEIVER.requests("/recover").get(0);
    assertSigned(recovered, HOOK_KEY);
    assertThat(recovered.json().path("event").asText()).isEqualTo("run.recovered");
    assertThat(recovered.json().path("run").asLong()).isEqualTo(fixed.json().path("id").asLong());
    assertThat(recovered.json().path("revision").asText()).isEqualTo(first);

    await().until(() -> RECEIVER.requests("/slack/T000/B000/slackTOKEN").size() == 2);
    List<Receiver.Request> slack = RECEIVER.requests("/slack/T000/B000/slackTOKEN");
    assertSlackShape(slack.get(0).json(), "run failed");
    assertSlackShape(slack.get(1).json(), "recovered after a failed run");
    assertThat(slack.get(1).header("X-Driftless-Signature")).isNull();

    // Drift made by hand: the next sync sees it (and repairs it); one message says so.
    Files.writeString(SERVER.targets().resolve("recover/index.html"), "<h1>edited</h1>\n");
    sync(api, "recover");
    await().until(() -> RECEIVER.requests("/recover").size() == 2);
    Receiver.Request drift = RECEIVER.requests("/recover").get(1);
    assertSigned(drift, HOOK_KEY);
    assertThat(drift.json().path("event").asText()).isEqualTo("drift.detected");
    assertThat(drift.json().path("drifted").get(0).asText()).isEqualTo("index.html");
    await().until(() -> RECEIVER.requests("/slack/T000/B000/slackTOKEN").size() == 3);
    JsonNode slackDrift = RECEIVER.requests("/slack/T000/B000/slackTOKEN").get(2).json();
    assertSlackShape(slackDrift, "drift detected");
    assertThat(slackDrift.path("blocks").get(0).path("text").path("text").asText())
        .contains("`index.html`");
  }

  @Test
  void rollbackAndUnpinAreSent() throws Exception {
    Api api = SERVER.admin();
    register("pinned", "main", webhook("/pinned", HOOK_KEY, null));
    Api.Reply run = sync(api, "pinned");
    assertThat(run.text("status")).isEqualTo("succeeded");

    Api.Reply rollback =
        api.post(
                "/api/v1/environments/pinned/rollback",
                Map.of("toRun", run.json().path("id").asLong(), "reason", "bad page"))
            .expect(202);
    TestServer.awaitRun(api, rollback.location());
    Api.Reply unpin =
        api.post("/api/v1/environments/pinned/unpin", Map.of("reason", "fixed upstream"))
            .expect(200);

    await().until(() -> RECEIVER.requests("/pinned").size() == 2);
    Map<String, JsonNode> byEvent = new HashMap<>();
    for (Receiver.Request r : RECEIVER.requests("/pinned")) {
      assertSigned(r, HOOK_KEY);
      byEvent.put(r.json().path("event").asText(), r.json());
    }
    assertThat(byEvent.get("environment.rollback").path("revision").asText()).isEqualTo(first);
    assertThat(byEvent.get("environment.rollback").path("reason").asText()).isEqualTo("bad page");
    assertThat(byEvent.get("environment.rollback").path("actor").asText()).isEqualTo("admin");
    assertThat(byEvent.get("environment.unpin").path("reason").asText())
        .isEqualTo("fixed upstream");
    assertThat(byEvent.get("environment.unpin").path("link").asText())
        .isEqualTo("https://driftless.example.com/api/v1/environments/pinned");

    // The server's own target takes unpin only, signed with its own key.
    await().until(() -> !RECEIVER.requests("/global").isEmpty());
    Receiver.Request global = RECEIVER.requests("/global").get(0);
    assertSigned(global, GLOBAL_KEY);
    assertThat(global.json().path("event").asText()).isEqualTo("environment.unpin");
    assertThat(global.json().path("environment").asText()).isEqualTo("pinned");
  }

  @Test
  void targetsAreCheckedAndTheirSecretsNeverShown() throws Exception {
    Api api = SERVER.admin();
    Map<String, Object> slackWithSecret =
        Map.of("type", "slack", "url", RECEIVER.url("/x"), "secret", "0123456789abcdef0123");
    Api.Reply refused =
        api.post("/api/v1/environments", environment("refused", "main", slackWithSecret))
            .expect(422);
    assertThat(refused.invalidField()).isEqualTo("notifications[0].secret");
    Api.Reply unknown =
        api.post(
                "/api/v1/environments",
                environment("refused", "main", webhook("/x", null, List.of("run.exploded"))))
            .expect(422);
    assertThat(unknown.text("message")).contains("run.exploded").contains("run.failed");
    assertThat(api.get("/api/v1/environments/refused").status()).isEqualTo(404);

    register(
        "secret",
        "no-such-branch",
        Map.of("type", "slack", "url", RECEIVER.url("/services/T1/B1/slackSECRETpath")),
        webhook("/secret?token=urlSECRETtoken", "hmacSECRETkey-0123456789", null));
    Api.Reply shown = api.get("/api/v1/environments/secret");
    JsonNode targets = shown.json().path("notifications");
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0).path("type").asText()).isEqualTo("slack");
    assertThat(targets.get(0).path("host").asText()).isEqualTo("127.0.0.1");
    assertThat(targets.get(1).path("signed").asBoolean()).isTrue();
    api.get("/api/v1/environments");
    api.get("/api/v1/audit");
    assertThat(sync(api, "secret").text("status")).isEqualTo("failed");
    await().until(() -> RECEIVER.requests("/services/T1/B1/slackSECRETpath").size() == 1);

    // Removing the targets with PATCH leaves none.
    Api.Reply cleared =
        api.patch("/api/v1/environments/secret", Map.of("notifications", List.of())).expect(200);
    assertThat(cleared.json().path("notifications")).isEmpty();

    String everything = String.join("\n", api.seen()) + Files.readString(SERVER.serverLog());
    assertThat(everything)
        .doesNotContain("slackSECRETpath")
        .doesNotContain("urlSECRETtoken")
        .doesNotContain("hmacSECRETkey");
  }

  @Test
  void notificationMetricsPassPromtool() throws Exception {
    Api api = SERVER.admin();
    register("lint", "no-such-branch", webhook("/lint", HOOK_KEY, null));
    sync(api, "lint");
    await().until(() -> RECEIVER.requests("/lint").size() == 1);
    await().until(() -> metric("webhook", "run.failed", "delivered") >= 1);
    String metrics = SERVER.metrics();
    assertThat(metrics)
        .contains(
            "driftless_notification_attempts_total{result=\"success\",target_type=\"webhook\"}")
        .contains("driftless_notifications_dropped_total 0.0")
        .contains("driftless_notifications_pending ");
    Promtool.checkMetrics(SERVER.dir.resolve("notification-metrics.txt"), metrics);
  }

  // ---- helpers

  private static Instant lastCheckedAt(Api api, String environment) {
    String at =
        api.get("/api/v1/environments/" + environment)
            .json()
            .path("state")
            .path("lastCheckedAt")
            .asText();
    return at.isEmpty() ? Instant.EPOCH : Instant.parse(at);
  }

  private static Map<String, Object> webhook(String path, String secret, List<String> events) {
    Map<String, Object> target = new HashMap<>();
    target.put("type", "webhook");
    target.put("url", RECEIVER.url(path));
    if (secret != null) {
      target.put("secret", secret);
    }
    if (events != null) {
      target.put("events", events);
    }
    return target;
  }

  @SafeVarargs
  private static Map<String, Object> environment(
      String name, String ref, Map<String, Object>... notifications) {
    return Map.of(
        "name",
        name,
        "source",
        "web",
        "ref",
        ref,
        "path",
        "envs/web",
        "target",
        Map.of("type", "directory", "root", SERVER.targets().resolve(name).toString()),
        "sync",
        Map.of("auto", false, "interval", "1h"),
        "notifications",
        List.of(notifications));
  }

  @SafeVarargs
  private static void register(String name, String ref, Map<String, Object>... notifications) {
    Api.Reply env =
        SERVER
            .admin()
            .post("/api/v1/environments", environment(name, ref, notifications))
            .expect(201);
  }

  private static Api.Reply sync(Api api, String environment) {
    Api.Reply queued =
        api.post("/api/v1/environments/" + environment + "/sync", Map.of("reason", "test"))
            .expect(202);
    return TestServer.awaitRun(api, queued.location());
  }

  /** The receiver recomputes the HMAC-SHA256 of the body with the key and compares. */
  private static void assertSigned(Receiver.Request request, String key) {
    String expected = Payloads.signature(key.getBytes(StandardCharsets.UTF_8), request.body());
    assertThat(request.header("X-Driftless-Signature")).isEqualTo(expected);
    assertThat(expected).matches("sha256=[0-9a-f]{64}");
  }

  private static void assertSlackShape(JsonNode message, String headline) {
    assertThat(message.path("text").asText()).contains("recover").contains(headline);
    JsonNode blocks = message.path("blocks");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(1).path("type").asText()).isEqualTo("context");
    assertThat(blocks.get(1).path("elements").get(0).path("text").asText())
        .contains("driftless.example.com");
  }

  private static double metric(String targetType, String event, String outcome) throws Exception {
    return value(
        "driftless_notifications_total{event=\""
            + event
            + "\",outcome=\""
            + outcome
            + "\",target_type=\""
            + targetType
            + "\"}");
  }

  private static double attempts(String targetType, String result) throws Exception {
    return value(
        "driftless_notification_attempts_total{result=\""
            + result
            + "\",target_type=\""
            + targetType
            + "\"}");
  }

  private static double value(String series) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(SERVER.metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
