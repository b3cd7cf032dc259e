package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.GitRepo;
import io.driftless.api.testing.TestServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the dashboard shows beside the stored status: the commit an environment is at (from the
 * source's clone) and the output of a run's hooks.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatusDetailsIT {
  static final TestServer SERVER = TestServer.withCommands("sh");
  static final DropwizardAppExtension<?> APP = SERVER.app;

  @Test
  void environmentsNameTheirCommitAndRunsShowTheirHookOutput() {
    Api api = SERVER.admin();
    try (GitRepo repo = GitRepo.create(SERVER.dir.resolve("repo"))) {
      String first =
          repo.commit(
              "Welcome page\n\nThe long story of the welcome page.",
              Map.of("site/index.html", "<h1>Welcome</h1>\n"));
      assertThat(api.post("/api/v1/sources", Map.of("name", "web", "url", repo.url())).status())
          .isEqualTo(201);
      Api.Reply created =
          api.post(
              "/api/v1/environments",
              Map.of(
                  "name", "web",
                  "source", "web",
                  "ref", "main",
                  "path", "site",
                  "target",
                      Map.of(
                          "type", "directory",
                          "root", SERVER.targets().resolve("web").toString(),
                          "postApply",
                              Map.of(
                                  "argv",
                                  List.of(
                                      "echo reloaded $(cat \"$DRIFTLESS_TARGET_ROOT/index.html\")"))),
                  "sync", Map.of("auto", false, "interval", "1h")));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(api.get("/api/v1/environments/web").json().path("commit").isNull()).isTrue();

      Api.Reply run =
          TestServer.awaitRun(api, api.post("/api/v1/environments/web/sync", null).location());
      assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
      JsonNode hooks = run.json().path("hooks");
      assertThat(hooks).hasSize(1);
      assertThat(hooks.get(0).path("name").asText()).isEqualTo("postApply");
      assertThat(hooks.get(0).path("exitCode").asInt()).isZero();
      assertThat(hooks.get(0).path("timedOut").asBoolean()).isFalse();
      assertThat(hooks.get(0).path("output").asText()).contains("reloaded <h1>Welcome</h1>");

      JsonNode commit = api.get("/api/v1/environments/web").json().path("commit");
      assertThat(commit.path("revision").asText()).isEqualTo(first);
      assertThat(commit.path("message").asText()).isEqualTo("Welcome page");
      assertThat(commit.path("author").asText()).isEqualTo("Test");
      assertThat(commit.path("at").asText()).isNotBlank();
      JsonNode listed = api.get("/api/v1/environments").json().path("items").get(0);
      assertThat(listed.path("commit").path("message").asText()).isEqualTo("Welcome page");
      assertThat(
              api.get("/api/v1/environments/web/runs")
                  .json()
                  .path("items")
                  .get(0)
                  .path("hooks")
                  .isNull())
          .isTrue();

      // A new commit applied: the environment names it; the audit log holds no Git metadata.
      String second = repo.commit("Bold greeting", Map.of("site/index.html", "<b>hi</b>\n"));
      TestServer.awaitRun(api, api.post("/api/v1/environments/web/sync", null).location());
      JsonNode now = api.get("/api/v1/environments/web").json().path("commit");
      assertThat(now.path("revision").asText()).isEqualTo(second);
      assertThat(now.path("message").asText()).isEqualTo("Bold greeting");
      assertThat(api.get("/api/v1/audit?object=web").body()).doesNotContain("Welcome page");
    }
  }
}
