package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unpin and resume mean "follow Git again": with auto-sync on and no closed window they queue a run
 * at once, whose trigger says who and why; otherwise the answer says why no run was queued. Every
 * environment checks only hourly, so only an immediate run can apply the new commit in time.
 */
class FollowGitIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  private final Api api = SERVER.admin();

  @Test
  void unpinQueuesARunAtOnceThatAppliesTheBranchHead() throws Exception {
    Path target = SERVER.targets().resolve("unpinned");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("unpin-repo"))) {
      long one = firstSync("unpinned", repo, target, Map.of("auto", true, "interval", "24h"));
      repo.commit(Map.of("site/index.html", "two\n"), "two");
      api.syncSucceeded("unpinned", Map.of("reason", "2"));
      api.succeeded(
          api.post(
              "/api/v1/environments/unpinned/rollback",
              Map.of("toRun", one, "reason", "two is broken")));
      String three = repo.commit(Map.of("site/index.html", "three\n"), "three").value();

      JsonNode body = post200("/api/v1/environments/unpinned/unpin", "three fixes it");

      assertThat(body.path("environment").path("state").path("pinnedRevision").isNull()).isTrue();
      assertThat(body.path("sync").path("coalesced").asBoolean()).isFalse();
      JsonNode trigger = queuedRunApplied(body, three, "unpin: three fixes it").path("trigger");
      assertThat(trigger.path("type").asText()).isEqualTo("api");
      assertThat(trigger.path("actor").asText()).isEqualTo("admin");
      assertThat(read(target.resolve("index.html"))).isEqualTo("three\n");
    }
  }

  @Test
  void resumeQueuesARunAtOnceThatAppliesWhatArrivedMeanwhile() throws Exception {
    Path target = SERVER.targets().resolve("resumed");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("resume-repo"))) {
      firstSync("resumed", repo, target, Map.of("auto", true, "interval", "24h"));
      post200("/api/v1/environments/resumed/suspend", "freeze");
      String two = repo.commit(Map.of("site/index.html", "two\n"), "two").value();

      JsonNode body = post200("/api/v1/environments/resumed/resume", "thaw");

      assertThat(body.path("environment").path("state").path("suspended").asBoolean()).isFalse();
      queuedRunApplied(body, two, "resume: thaw");
      assertThat(read(target.resolve("index.html"))).isEqualTo("two\n");
    }
  }

  @Test
  void withAutoSyncOffOrAClosedWindowNoRunIsQueuedAndTheAnswerSaysWhy() throws Exception {
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("held-repo"))) {
      long one =
          firstSync("manual", repo, SERVER.targets().resolve("manual"), Map.of("auto", false));
      // Pinned where it is: the rollback run has nothing to change.
      Api.Reply pinned =
          api.post("/api/v1/environments/manual/rollback", Map.of("toRun", one, "reason", "hold"));
      assertThat(TestServer.awaitRun(api, pinned.location()).text("status")).isEqualTo("no_op");
      int runsBefore = runs("manual").size();

      JsonNode unpinned = post200("/api/v1/environments/manual/unpin", "let go");

      JsonNode sync = unpinned.path("sync");
      assertThat(sync.path("queued").asBoolean()).isFalse();
      assertThat(sync.path("notQueued").asText()).isEqualTo("auto_sync_off");
      assertThat(sync.path("message").asText()).contains("auto-sync is off");
      assertThat(sync.has("run")).isFalse();
      assertThat(runs("manual")).hasSize(runsBefore);

      // Denied all day, every day: the window never opens.
      register(
          "frozen",
          repo,
          SERVER.targets().resolve("frozen"),
          Map.of(
              "auto",
              true,
              "interval",
              "24h",
              "windows",
              List.of(Map.of("kind", "deny", "cron", "0 0 0 * * ?", "duration", "25h"))));
      post200("/api/v1/environments/frozen/suspend", "freeze");

      JsonNode resumed = post200("/api/v1/environments/frozen/resume", "thaw");

      assertThat(resumed.path("sync").path("queued").asBoolean()).isFalse();
      assertThat(resumed.path("sync").path("notQueued").asText()).isEqualTo("window_closed");
      assertThat(resumed.path("sync").path("message").asText()).contains("window is closed");
      assertThat(runs("frozen")).isEmpty();
    }
  }

  private void register(String name, TestGitRepo repo, Path target, Map<String, Object> sync) {
    api.createSource(name, repo.url());
    api.createEnvironment(EnvironmentBody.directory(name, name, "site", target).sync(sync));
  }

  /**
   * Commits {@code one} to {@code site/index.html}, registers {@code name} on {@code repo} and
   * syncs it; returns that run's id.
   */
  private long firstSync(String name, TestGitRepo repo, Path target, Map<String, Object> sync) {
    repo.commit(Map.of("site/index.html", "one\n"), "one");
    register(name, repo, target, sync);
    return api.syncSucceeded(name, Map.of("reason", "1"));
  }

  /** The answer queued a run at once, and that run applied {@code revision} saying why; the run. */
  private JsonNode queuedRunApplied(JsonNode answer, String revision, String reason) {
    assertThat(answer.path("sync").path("queued").asBoolean()).as(answer.toString()).isTrue();
    Api.Reply done =
        TestServer.awaitRun(api, "/api/v1/runs/" + answer.path("sync").path("run").asLong());
    assertThat(done.text("status")).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.text("revision")).isEqualTo(revision);
    assertThat(done.json().path("trigger").path("reason").asText()).isEqualTo(reason);
    return done.json();
  }

  private JsonNode post200(String path, String reason) {
    Api.Reply reply = api.post(path, Map.of("reason", reason));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private List<JsonNode> runs(String environment) {
    List<JsonNode> list = new java.util.ArrayList<>();
    api.get("/api/v1/environments/" + environment + "/runs")
        .json()
        .path("items")
        .forEach(list::add);
    return list;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
