package io.driftless.api;

import static io.driftless.engine.testing.GitDaemon.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollback end to end over HTTP with real Git repositories (file:// and git://, checked with the
 * git CLI) and the directory target: pins that hold against auto-sync, restore commits, snapshots
 * of revisions force-pushed away, automatic rollback after failed health, the audit log, and bad
 * input that changes nothing.
 */
class RollbackIT {
  @RegisterExtension static final TestServer SERVER = TestServer.withCommands("sh");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Api api = SERVER.admin();

  // ---- with auto-sync on, a pin holds across scheduled runs until unpinned

  @Test
  void withAutoSyncOnThePinHoldsAcrossNewCommitsUntilUnpinnedThenTheHeadIsFollowed()
      throws Exception {
    Path target = SERVER.targets().resolve("auto");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("auto-repo"))) {
      String one = repo.commit(Map.of("site/index.html", "one\n"), "one").value();
      register("auto", repo.url(), "site", target, Map.of("auto", true, "interval", "1s"));
      awaitState("auto", s -> one.equals(s.path("syncedRevision").asText()));
      long run1 =
          runs("auto").stream()
              .filter(r -> r.path("revision").asText().equals(one))
              .filter(r -> r.path("status").asText().equals("succeeded"))
              .findFirst()
              .orElseThrow()
              .path("id")
              .asLong();
      repo.commit(Map.of("site/index.html", "two\n"), "two");
      awaitState("auto", s -> "two\n".equals(read(target.resolve("index.html"))));

      Api.Reply run = api.rollback("auto", Map.of("toRun", run1, "reason", "two is broken"));
      assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.json().path("rollbackOf").asLong()).isEqualTo(run1);
      assertThat(run.json().path("trigger").path("type").asText()).isEqualTo("rollback");
      assertThat(read(target.resolve("index.html"))).isEqualTo("one\n");

      // Two new commits, and scheduled runs check the newest: the pin holds.
      repo.commit(Map.of("site/index.html", "three\n"), "three");
      String four = repo.commit(Map.of("site/index.html", "four\n"), "four").value();
      JsonNode state = awaitState("auto", s -> four.equals(s.path("headRevision").asText()));
      Instant seen = Instant.parse(state.path("lastCheckedAt").asText());
      awaitState(
          "auto", s -> Instant.parse(s.path("lastCheckedAt").asText()).isAfter(seen.plusMillis(1)));
      assertThat(read(target.resolve("index.html"))).isEqualTo("one\n");
      JsonNode env = api.get("/api/v1/environments/auto").json();
      assertThat(env.path("status").asText()).isEqualTo("pinned");
      assertThat(env.path("state").path("pinnedBy").asText()).isEqualTo("admin");
      assertThat(env.path("state").path("pinnedReason").asText()).isEqualTo("two is broken");
      assertThat(env.path("state").path("pinnedByAutoRollback").asBoolean()).isFalse();

      Api.Reply unpinned =
          api.post("/api/v1/environments/auto/unpin", Map.of("reason", "four fixes it"))
              .expect(200);
      awaitState("auto", s -> four.equals(s.path("syncedRevision").asText()));
      assertThat(read(target.resolve("index.html"))).isEqualTo("four\n");

      JsonNode audit = api.get("/api/v1/audit?environment=auto").json().path("items");
      JsonNode unpin = entry(audit, "environment.unpin");
      assertThat(unpin.path("actor").asText()).isEqualTo("admin");
      assertThat(unpin.path("reason").asText()).isEqualTo("four fixes it");
      JsonNode pinned = entry(audit, "environment.rollback");
      assertThat(pinned.path("actor").asText()).isEqualTo("admin");
      assertThat(pinned.path("reason").asText()).isEqualTo("two is broken");
    }
  }

  // ---- revertCommit: a restore commit of the environment's path only

  @Test
  void aRestoreCommitTouchesOnlyTheEnvironmentsPathAndReleasesThePinOnceApplied() throws Exception {
    Path bare = SERVER.dir.resolve("restore.git");
    TestGitRepo work = TestGitRepo.pushingTo(bare, SERVER.dir.resolve("restore-work"));
    work.commit(
        Map.of("environments/web/index.html", "one\n", "environments/db/db.conf", "db one\n"),
        "one");
    work.push();
    Path target = SERVER.targets().resolve("web");
    source("restore-src", bare.toUri().toString());
    environment("web", "restore-src", "environments/web", target, Map.of("auto", false));
    long run1 = api.syncSucceeded("web", Map.of("reason", "one"));
    work.commit(
        Map.of("environments/web/index.html", "two\n", "environments/db/db.conf", "db two\n"),
        "two");
    work.push();
    api.syncSucceeded("web", Map.of("reason", "two"));
    assertThat(read(target.resolve("index.html"))).isEqualTo("two\n");
    String before = git(bare, "rev-parse", "main").trim();

    Api.Reply rollback =
        api.post(
                "/api/v1/environments/web/rollback",
                Map.of("toRun", run1, "reason", "two is broken", "revertCommit", true))
            .expect(202);
    String restore = rollback.text("restoreCommit");
    assertThat(restore).as(rollback.toString()).isNotNull();
    assertThat(rollback.text("restoreError")).isNull();
    Api.Reply run = TestServer.awaitRun(api, rollback.location());
    assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");

    // The branch: one new commit on top, touching only the environment's path.
    assertThat(git(bare, "rev-parse", "main").trim()).isEqualTo(restore);
    assertThat(git(bare, "rev-parse", "main~1").trim()).isEqualTo(before);
    assertThat(git(bare, "log", "-1", "--name-only", "--format=", "main").trim())
        .isEqualTo("environments/web/index.html");
    assertThat(git(bare, "log", "-1", "--format=%an <%ae>%n%s", "main"))
        .startsWith("Driftless <driftless@localhost>\nRestore environments/web to ");
    assertThat(git(bare, "show", "main:environments/db/db.conf")).isEqualTo("db two\n");
    assertThat(git(bare, "show", "main:environments/web/index.html")).isEqualTo("one\n");

    // The environment: unpinned at the new head, with the old content.
    JsonNode state = awaitState("web", s -> s.path("pinnedRevision").isNull());
    assertThat(state.path("syncedRevision").asText()).isEqualTo(restore);
    assertThat(read(target.resolve("index.html"))).isEqualTo("one\n");
    JsonNode audit = api.get("/api/v1/audit?environment=web").json().path("items");
    assertThat(entry(audit, "environment.unpin").path("reason").asText())
        .contains("restore commit " + restore.substring(0, 7));
    assertThat(entry(audit, "environment.rollback").path("reason").asText())
        .isEqualTo("two is broken");
  }

  @Test
  void aRefusedRestorePushKeepsThePinAndSaysWhy() throws Exception {
    Path served = SERVER.dir.resolve("served");
    Path bare = served.resolve("guarded.git");
    TestGitRepo work = TestGitRepo.pushingTo(bare, SERVER.dir.resolve("guarded-work"));
    work.commit(Map.of("app/index.html", "one\n"), "one");
    work.push();
    work.commit(Map.of("app/index.html", "two\n"), "two");
    work.push();
    // A protected branch: the server's pre-receive hook refuses every push from now on.
    Path hook = bare.resolve("hooks/pre-receive");
    Files.writeString(
        hook, "#!/bin/sh\necho 'GL-HOOK-ERR: branch main is protected' >&2\nexit 1\n");
    hook.toFile().setExecutable(true);
    String head = git(bare, "rev-parse", "main").trim();
    String one = git(bare, "rev-parse", "main~1").trim();

    try (GitDaemon daemon = GitDaemon.serve(served)) {
      Path target = SERVER.targets().resolve("guarded");
      register(
          "guarded",
          daemon.url("guarded.git"),
          "app",
          target,
          Map.of("auto", true, "interval", "1h"));
      api.syncSucceeded("guarded", Map.of("reason", "two"));
      assertThat(read(target.resolve("index.html"))).isEqualTo("two\n");

      Api.Reply rollback =
          api.post(
                  "/api/v1/environments/guarded/rollback",
                  Map.of("toRevision", one, "reason", "two is broken", "revertCommit", true))
              .expect(202);
      assertThat(rollback.text("restoreCommit")).isNull();
      assertThat(rollback.text("restoreError"))
          .as(rollback.toString())
          .contains("refused")
          .contains("branch main is protected");
      Api.Reply run = TestServer.awaitRun(api, rollback.location());
      assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.json().path("trigger").path("reason").asText())
          .startsWith("two is broken (restore commit not pushed: ")
          .contains("branch main is protected");
    }
    assertThat(git(bare, "rev-parse", "main").trim()).isEqualTo(head);
    assertThat(read(SERVER.targets().resolve("guarded/index.html"))).isEqualTo("one\n");
    JsonNode state = api.get("/api/v1/environments/guarded").json().path("state");
    assertThat(state.path("pinnedRevision").asText()).isEqualTo(one);
    assertThat(state.path("pinnedRestoreCommit").isNull()).isTrue();
    assertThat(state.path("pinnedRestoreError").asText()).contains("branch main is protected");
  }

  // ---- a revision force-pushed away comes back from its snapshot

  @Test
  void aRevisionForcePushedAwayIsRestoredFromItsSnapshot() throws Exception {
    Path target = SERVER.targets().resolve("gone");
    Path dir = SERVER.dir.resolve("gone-repo");
    String one;
    try (TestGitRepo repo = TestGitRepo.create(dir)) {
      one = repo.commit(Map.of("cfg/app.conf", "one\n", "cfg/extra.conf", "x\n"), "one").value();
      register("gone", repo.url(), "cfg", target, Map.of("auto", false, "prune", true));
      api.syncSucceeded("gone", Map.of("reason", "one"));
    }
    // History rewritten: main starts over without revision one, and garbage is collected.
    git(dir, "checkout", "-q", "--orphan", "rewritten");
    Files.delete(dir.resolve("cfg/extra.conf"));
    Files.writeString(dir.resolve("cfg/app.conf"), "rewritten\n");
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-qm", "rewritten");
    git(dir, "branch", "-M", "rewritten", "main");
    forgetUnreachable(dir);
    Api.Reply rewritten = api.sync("gone", Map.of("reason", "new"));
    assertThat(rewritten.text("status")).as(rewritten.toString()).isEqualTo("succeeded");
    assertThat(read(target.resolve("app.conf"))).isEqualTo("rewritten\n");
    assertThat(Files.exists(target.resolve("extra.conf"))).as("pruned").isFalse();

    Api.Reply run =
        api.rollback("gone", Map.of("toRevision", one, "reason", "the rewrite lost a file"));
    assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.text("revision")).isEqualTo(one);
    assertThat(run.json().path("phases").findValuesAsText("phase"))
        .as("nothing rendered from Git")
        .doesNotContain("render");
    assertThat(Files.readString(SERVER.serverLog()))
        .contains("is no longer in source gone-src; re-applying the snapshot of run");
    assertThat(read(target.resolve("app.conf"))).isEqualTo("one\n");
    assertThat(read(target.resolve("extra.conf"))).isEqualTo("x\n");
    JsonNode state = api.get("/api/v1/environments/gone").json().path("state");
    assertThat(state.path("pinnedRevision").asText()).isEqualTo(one);

    Api.Reply unknown =
        api.post(
            "/api/v1/environments/gone/rollback",
            Map.of("toRevision", "f".repeat(40), "reason", "never applied"));
    assertThat(unknown.status()).as(unknown.toString()).isBetween(400, 499);
    assertThat(unknown.text("message")).contains("no run of 'gone' applied it");
  }

  // ---- automatic rollback after failed health

  @Test
  void failedHealthRollsBackAutomaticallyAndTheNextCommitReleasesThePin() throws Exception {
    Path target = SERVER.targets().resolve("healthy");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("healthy-repo"))) {
      repo.commit(Map.of("site/app.conf", "good\n"), "good");
      source("healthy-src", repo.url());
      Map<String, Object> sync = new HashMap<>();
      sync.put("auto", true);
      sync.put("autoRollback", true);
      sync.put("interval", "1h");
      api.createEnvironment(
          EnvironmentBody.directory("healthy", "healthy-src", "site", target)
              .target(
                  "healthCheck",
                  Map.of("argv", List.of("! grep -q broken \"$DRIFTLESS_TARGET_ROOT/app.conf\"")))
              .target("healthTimeout", "1s")
              .sync(sync));
      long good = api.syncSucceeded("healthy", Map.of("reason", "go"));

      String bad = repo.commit(Map.of("site/app.conf", "broken\n"), "bad").value();
      Api.Reply failed = api.sync("healthy", Map.of("reason", "bad"));
      assertThat(failed.text("status")).isEqualTo("failed");
      assertThat(failed.text("revision")).isEqualTo(bad);
      long failedId = failed.json().path("id").asLong();

      // The failed run is recorded before its rollback run is created: wait for the rollback.
      JsonNode auto =
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofMillis(50))
              .until(() -> runs("healthy").get(0), r -> r.path("id").asLong() != failedId);
      assertThat(auto.path("trigger").path("type").asText()).isEqualTo("auto_rollback");
      assertThat(auto.path("id").asLong()).isGreaterThan(failedId);
      Api.Reply autoRun = TestServer.awaitRun(api, "/api/v1/runs/" + auto.path("id").asLong());
      assertThat(autoRun.text("status")).as(autoRun.toString()).isEqualTo("succeeded");
      assertThat(autoRun.json().path("rollbackOf").asLong()).isEqualTo(good);
      assertThat(autoRun.json().path("trigger").path("actor").asText()).isEqualTo("driftless");
      assertThat(autoRun.json().path("trigger").path("reason").asText())
          .contains("health failed after run " + failedId);
      assertThat(read(target.resolve("app.conf"))).isEqualTo("good\n");
      JsonNode state = api.get("/api/v1/environments/healthy").json().path("state");
      assertThat(state.path("pinnedByAutoRollback").asBoolean()).isTrue();
      assertThat(state.path("pinnedBy").asText()).isEqualTo("driftless");
      assertThat(state.path("pinnedReason").asText()).contains("health failed");
      assertThat(state.path("health").asText()).isEqualTo("healthy");
      JsonNode audit =
          api.get("/api/v1/audit?environment=healthy&action=environment.rollback").json();
      assertThat(audit.path("items")).hasSize(1);
      assertThat(audit.path("items").get(0).path("actor").asText()).isEqualTo("driftless");
      assertThat(audit.path("items").get(0).path("reason").asText()).contains("health failed");

      String fix = repo.commit(Map.of("site/app.conf", "fixed\n"), "fix").value();
      Api.Reply fixed = api.sync("healthy", Map.of("reason", "fix"));
      assertThat(fixed.text("status")).as(fixed.toString()).isEqualTo("succeeded");
      assertThat(fixed.text("revision")).isEqualTo(fix);
      assertThat(read(target.resolve("app.conf"))).isEqualTo("fixed\n");
      state = api.get("/api/v1/environments/healthy").json().path("state");
      assertThat(state.path("pinnedRevision").isNull()).isTrue();
      JsonNode released =
          api.get("/api/v1/audit?environment=healthy&action=environment.unpin&actor=driftless")
              .json()
              .path("items");
      assertThat(released).hasSize(1);
      assertThat(released.get(0).path("reason").asText())
          .contains("new commit " + fix.substring(0, 7));
    }
  }

  // ---- history and the audit log

  @Test
  void historyShowsFailedNoOpAndPruningRunsAndTheAuditLogFiltersAndPages() throws Exception {
    Path target = SERVER.targets().resolve("hist");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("hist-repo"))) {
      repo.commit(Map.of("h/a.conf", "a\n", "h/b.conf", "b\n"), "one");
      register("hist", repo.url(), "h", target, Map.of("auto", false, "prune", true));
      Instant start = Instant.now();
      long one = api.syncSucceeded("hist", Map.of("reason", "one"));
      Api.Reply noop = api.sync("hist", Map.of("reason", "again"));
      assertThat(noop.text("status")).isEqualTo("no_op");
      git(repo.dir(), "rm", "-q", "h/b.conf");
      repo.commit("drop b");
      Api.Reply prune = api.sync("hist", Map.of("reason", "prune"));
      assertThat(prune.text("status")).isEqualTo("succeeded");
      assertThat(Files.exists(target.resolve("b.conf"))).isFalse();
      git(repo.dir(), "rm", "-q", "-r", "h");
      repo.commit("the environment's path is gone");
      Api.Reply failed = api.sync("hist", Map.of("reason", "bad"));
      assertThat(failed.text("status")).isEqualTo("failed");

      List<JsonNode> history = runs("hist");
      assertThat(history)
          .extracting(r -> r.path("status").asText())
          .containsExactly("failed", "succeeded", "no_op", "succeeded");
      assertThat(history.get(1).path("counts").path("deletes").asInt())
          .as(history.get(1).toString())
          .isEqualTo(1);
      Api.Reply compare =
          api.get("/api/v1/runs/" + one + "/compare/" + history.get(1).path("id").asLong())
              .expect(200);
      assertThat(compare.json().path("resources").get(0).path("key").asText()).isEqualTo("b.conf");

      api.post("/api/v1/environments/hist/rollback", Map.of("toRun", one, "reason", "r1"));
      api.post("/api/v1/environments/hist/unpin", Map.of("reason", "u1"));
      api.post("/api/v1/environments/hist/rollback", Map.of("toRun", one, "reason", "r2"));
      Instant end = Instant.now().plusSeconds(1);

      JsonNode page1 =
          api.get("/api/v1/audit?environment=hist&action=environment.rollback&limit=1").json();
      assertThat(page1.path("items")).hasSize(1);
      assertThat(page1.path("items").get(0).path("reason").asText()).isEqualTo("r2");
      JsonNode page2 =
          api.get(
                  "/api/v1/audit?environment=hist&action=environment.rollback&limit=1&cursor="
                      + page1.path("nextCursor").asText())
              .json();
      assertThat(page2.path("items").get(0).path("reason").asText()).isEqualTo("r1");
      assertThat(page2.path("nextCursor").isNull()).isTrue();
      JsonNode byActor = api.get("/api/v1/audit?environment=hist&actor=admin").json();
      assertThat(byActor.path("items"))
          .extracting(n -> n.path("action").asText())
          .contains("environment.rollback", "environment.unpin", "environment.sync");
      assertThat(api.get("/api/v1/audit?environment=hist&actor=nobody").json().path("items"))
          .isEmpty();
      String range = "&since=" + start + "&until=" + end;
      assertThat(api.get("/api/v1/audit?environment=hist" + range).json().path("items"))
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(api.get("/api/v1/audit?environment=hist&until=" + start).json().path("items"))
          .extracting(n -> n.path("action").asText())
          .containsOnly("environment.register");
      Api.Reply backwards = api.get("/api/v1/audit?since=" + end + "&until=" + start);
      assertThat(backwards.status()).isBetween(400, 499);
    }
  }

  // ---- bad input: a 4xx with a message, and nothing changes

  @Test
  void badRollbacksAreRefusedWithAMessageAndChangeNothing() throws Exception {
    Path target = SERVER.targets().resolve("bad");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("bad-repo"))) {
      repo.commit(Map.of("b/index.html", "one\n", "o/index.html", "other\n"), "one");
      register("bad", repo.url(), "b", target, Map.of("auto", false));
      environment(
          "bad-other",
          "bad-src",
          "o",
          SERVER.targets().resolve("bad-other"),
          Map.of("auto", false));
      long good = api.syncSucceeded("bad", Map.of("reason", "one"));
      long other = api.syncSucceeded("bad-other", Map.of("reason", "other"));
      git(repo.dir(), "rm", "-q", "-r", "b");
      repo.commit("broken");
      Api.Reply failed = api.sync("bad", Map.of("reason", "broken", "prune", false));
      assertThat(failed.text("status")).isEqualTo("failed");
      long failedId = failed.json().path("id").asLong();

      String envBefore = api.get("/api/v1/environments/bad").json().path("state").toString();
      int runsBefore = runs("bad").size();
      int auditBefore = api.get("/api/v1/audit?limit=1000").json().path("items").size();

      List<Object[]> cases = new ArrayList<>();
      cases.add(new Object[] {Map.of("toRun", 999_999, "reason", "x"), "does not exist"});
      cases.add(
          new Object[] {
            Map.of("toRun", other, "reason", "x"), "belongs to environment 'bad-other'"
          });
      cases.add(new Object[] {Map.of("toRun", failedId, "reason", "x"), "is failed"});
      cases.add(new Object[] {Map.of("toRun", good), "reason"});
      cases.add(new Object[] {Map.of("toRun", good, "reason", " "), "reason"});
      cases.add(new Object[] {Map.of("reason", "x"), "toRun or toRevision"});
      cases.add(
          new Object[] {Map.of("toRun", good, "toRevision", "a".repeat(40), "reason", "x"), "one"});
      cases.add(new Object[] {Map.of("toRevision", "abc", "reason", "x"), "40-digit"});
      cases.add(
          new Object[] {
            Map.of("toRun", good, "reason", "x".repeat(4097), "revertCommit", true), "4096"
          });
      cases.add(
          new Object[] {Map.of("toRun", failedId, "reason", "x", "revertCommit", true), "failed"});
      for (Object[] c : cases) {
        Api.Reply reply = api.post("/api/v1/environments/bad/rollback", c[0]);
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.text("message")).as(reply.toString()).contains((String) c[1]);
      }
      Api.Reply noEnv =
          api.post("/api/v1/environments/nowhere/rollback", Map.of("toRun", good, "reason", "x"));
      assertThat(noEnv.status()).isEqualTo(404);
      Api.Reply notPinned =
          api.post("/api/v1/environments/bad/unpin", Map.of("reason", "x")).expect(409);
      Api.Reply noReason = api.post("/api/v1/environments/bad/unpin", Map.of());
      assertThat(noReason.status()).as(noReason.toString()).isBetween(400, 499);

      assertThat(api.get("/api/v1/environments/bad").json().path("state").toString())
          .isEqualTo(envBefore);
      assertThat(runs("bad")).hasSize(runsBefore);
      assertThat(api.get("/api/v1/audit?limit=1000").json().path("items")).hasSize(auditBefore);
      assertThat(git(repo.dir(), "log", "--format=%s", "main")).isEqualTo("broken\none\n");
    }
  }

  // ---- helpers

  /** Registers source {@code name-src} at {@code url}, and environment {@code name} on it. */
  private void register(
      String name, String url, String path, Path target, Map<String, Object> sync) {
    source(name + "-src", url);
    environment(name, name + "-src", path, target, sync);
  }

  private void source(String name, String url) {
    api.createSource(name, url);
  }

  private void environment(
      String name, String source, String path, Path target, Map<String, Object> sync) {
    api.createEnvironment(EnvironmentBody.directory(name, source, path, target).sync(sync));
  }

  private List<JsonNode> runs(String environment) {
    JsonNode items = api.get("/api/v1/environments/" + environment + "/runs").json().path("items");
    return StreamSupport.stream(items.spliterator(), false).toList();
  }

  private JsonNode awaitState(String environment, java.util.function.Predicate<JsonNode> ready) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              last[0] = api.get("/api/v1/environments/" + environment).json().path("state");
              return ready.test(last[0]);
            });
    return last[0];
  }

  private static JsonNode entry(JsonNode items, String action) {
    for (JsonNode item : items) {
      if (item.path("action").asText().equals(action)) {
        return item;
      }
    }
    throw new AssertionError("no " + action + " in " + items);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Drops every object no ref reaches, as garbage collection eventually does. */
  private static void forgetUnreachable(Path repository) throws IOException {
    git(repository, "reflog", "expire", "--expire=now", "--all");
    git(repository, "gc", "-q", "--prune=now");
  }
}
