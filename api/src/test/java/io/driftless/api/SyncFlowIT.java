package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The flow over HTTP: register a source and an environment, sync, read the run and its changes,
 * push a commit, preview and sync again, compare, roll back, unpin, suspend and resume.
 */
class SyncFlowIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  @Test
  void registerSyncChangeRollBack() throws Exception {
    Api api = SERVER.admin();
    Path target = SERVER.targets().resolve("staging");
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      String first =
          repo.commit(
                  Map.of(
                      "environments/staging/app.env", "GREETING=${GREETING}\n",
                      "environments/staging/index.html", "<h1>one</h1>\n",
                      "environments/prod/index.html", "<h1>prod</h1>\n"),
                  "first")
              .value();

      Api.Reply source = api.createSource("demo", repo.url());
      assertThat(source.location()).endsWith("/api/v1/sources/demo");

      Api.Reply env =
          api.createEnvironment(
              EnvironmentBody.directory("staging", "demo", "environments/staging", target)
                  .sync(Map.of("auto", false, "prune", true, "interval", "1h"))
                  .with(
                      "variables",
                      Map.of("values", Map.of("GREETING", "hello"), "files", List.of("*.env"))));
      assertThat(env.json().path("status").asText()).isEqualTo("unknown");
      assertThat(env.json().path("sync").path("interval").asText()).isEqualTo("1h");

      // First sync.
      Api.Reply queued = api.post("/api/v1/environments/staging/sync", Map.of("reason", "first"));
      assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
      assertThat(queued.location()).contains("/api/v1/runs/");
      Api.Reply run1 = TestServer.awaitRun(api, queued.location());
      assertThat(run1.text("status")).as(run1.toString()).isEqualTo("succeeded");
      assertThat(run1.text("revision")).isEqualTo(first);
      assertThat(run1.json().path("trigger").path("actor").asText()).isEqualTo("admin");
      assertThat(run1.json().path("phases").size()).isGreaterThan(3);
      assertThat(Files.readString(target.resolve("app.env"))).isEqualTo("GREETING=hello\n");
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>one</h1>\n");
      long id1 = run1.json().path("id").asLong();

      Api.Reply history = api.get("/api/v1/environments/staging/runs");
      assertThat(history.json().path("items").get(0).path("id").asLong()).isEqualTo(id1);

      Api.Reply changes = api.get("/api/v1/runs/" + id1 + "/changes?limit=1");
      assertThat(changes.status()).isEqualTo(200);
      assertThat(changes.json().path("items")).hasSize(1);
      assertThat(changes.text("nextCursor")).isNotNull();
      Api.Reply rest =
          api.get("/api/v1/runs/" + id1 + "/changes?cursor=" + changes.text("nextCursor"));
      assertThat(rest.json().path("items")).hasSize(1);
      assertThat(rest.text("nextCursor")).isNull();
      JsonNode envChange = changes.json().path("items").get(0);
      assertThat(envChange.path("key").asText()).isEqualTo("app.env");
      assertThat(envChange.path("action").asText()).isEqualTo("create");
      assertThat(envChange.path("result").asText()).isEqualTo("applied");
      assertThat(envChange.path("diff").asText()).contains("+GREETING=hello");

      Api.Reply status = api.get("/api/v1/environments/staging");
      assertThat(status.text("status")).isEqualTo("synced");
      assertThat(status.json().path("state").path("syncedRevision").asText()).isEqualTo(first);
      assertThat(status.json().path("lastRun").path("id").asLong()).isEqualTo(id1);

      // A new commit: previewed without changing anything, then synced.
      String second =
          repo.commit(Map.of("environments/staging/index.html", "<h1>two</h1>\n"), "second")
              .value();
      Api.Reply plan = api.get("/api/v1/environments/staging/diff?ref=main");
      assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
      assertThat(plan.text("revision")).isEqualTo(second);
      assertThat(plan.json().path("changes")).hasSize(1);
      assertThat(plan.json().path("changes").get(0).path("diff").asText())
          .contains("-<h1>one</h1>")
          .contains("+<h1>two</h1>");
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>one</h1>\n");

      Api.Reply run2 = api.sync("staging", null);
      assertThat(run2.text("status")).as(run2.toString()).isEqualTo("succeeded");
      assertThat(run2.text("revision")).isEqualTo(second);
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>two</h1>\n");
      long id2 = run2.json().path("id").asLong();

      Api.Reply compare = api.get("/api/v1/runs/" + id1 + "/compare/" + id2);
      assertThat(compare.status()).as(compare.toString()).isEqualTo(200);
      assertThat(compare.json().path("resources")).hasSize(1);
      assertThat(compare.json().path("resources").get(0).path("key").asText())
          .isEqualTo("index.html");
      assertThat(compare.json().path("resources").get(0).path("change").asText())
          .isEqualTo("changed");

      // Roll back to the first run: pinned and synced at once.
      Api.Reply run3 = api.rollback("staging", Map.of("toRun", id1, "reason", "two is broken"));
      assertThat(run3.text("status")).as(run3.toString()).isEqualTo("succeeded");
      assertThat(run3.text("revision")).isEqualTo(first);
      assertThat(run3.json().path("trigger").path("type").asText()).isEqualTo("rollback");
      assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>one</h1>\n");
      Api.Reply pinned = api.get("/api/v1/environments/staging");
      assertThat(pinned.json().path("state").path("pinnedRevision").asText()).isEqualTo(first);
      assertThat(pinned.text("status")).isEqualTo("pinned");

      // A pinned environment keeps its pin on a plain sync.
      Api.Reply run4 = api.sync("staging", "{}");
      assertThat(run4.text("revision")).isEqualTo(first);

      Api.Reply unpinned =
          api.post("/api/v1/environments/staging/unpin", Map.of("reason", "fixed in three"));
      assertThat(unpinned.status()).as(unpinned.toString()).isEqualTo(200);
      assertThat(unpinned.json().path("environment").path("state").path("pinnedRevision").isNull())
          .isTrue();

      Api.Reply suspended =
          api.post("/api/v1/environments/staging/suspend", Map.of("reason", "maintenance"));
      assertThat(suspended.json().path("state").path("suspended").asBoolean()).isTrue();
      assertThat(
              api.get("/api/v1/environments?status=suspended")
                  .json()
                  .path("items")
                  .get(0)
                  .path("name")
                  .asText())
          .isEqualTo("staging");
      Api.Reply resumed = api.post("/api/v1/environments/staging/resume", Map.of("reason", "done"));
      assertThat(resumed.json().path("environment").path("state").path("suspended").asBoolean())
          .isFalse();

      // Every change of state is in the audit log with who and why.
      Api.Reply audit = api.get("/api/v1/audit?object=staging&limit=100");
      List<String> actions = audit.json().path("items").findValuesAsText("action");
      assertThat(actions)
          .contains(
              "environment.register",
              "environment.sync",
              "environment.rollback",
              "environment.unpin",
              "environment.suspend",
              "environment.resume");
      JsonNode rollbackEntry =
          audit.json().path("items").findParents("action").stream()
              .filter(n -> n.path("action").asText().equals("environment.rollback"))
              .findFirst()
              .orElseThrow();
      assertThat(rollbackEntry.path("actor").asText()).isEqualTo("admin");
      assertThat(rollbackEntry.path("reason").asText()).isEqualTo("two is broken");
      assertThat(rollbackEntry.path("after").path("state").path("pinnedRevision").asText())
          .isEqualTo(first);
    }
  }

  @Test
  void adminTokenFileIsOwnerOnlyAndHealthChecksPass() throws IOException, InterruptedException {
    Path file = SERVER.dataDir().resolve("admin.token");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(SERVER.adminUrl() + "/healthcheck")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("database", "scheduler", "git");
    HttpResponse<String> ping =
        http.send(
            HttpRequest.newBuilder(URI.create(SERVER.adminUrl() + "/ping")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ping.statusCode()).isEqualTo(200);
  }
}
