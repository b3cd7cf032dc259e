package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the dashboard shows beside the stored status: the commit an environment is at (from the
 * source's clone) and the output of a run's hooks.
 */
class StatusDetailsIT {
  @RegisterExtension static final TestServer SERVER = TestServer.withCommands("sh");

  @Test
  void environmentsNameTheirCommitAndRunsShowTheirHookOutput() {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      String first =
          repo.commit(
                  Map.of("site/index.html", "<h1>Welcome</h1>\n"),
                  "Welcome page\n\nThe long story of the welcome page.")
              .value();
      api.createSource("web", repo.url());
      api.createEnvironment(
          EnvironmentBody.directory("web", "web", "site", SERVER.targets().resolve("web"))
              .target(
                  "postApply",
                  Map.of(
                      "argv",
                      List.of("echo reloaded $(cat \"$DRIFTLESS_TARGET_ROOT/index.html\")"))));
      assertThat(api.get("/api/v1/environments/web").json().path("commit").isNull()).isTrue();

      Api.Reply run = api.sync("web", null);
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
      assertThat(commit.path("author").asText()).isEqualTo("Test Author");
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
      String second =
          repo.commit(Map.of("site/index.html", "<b>hi</b>\n"), "Bold greeting").value();
      api.sync("web", null);
      JsonNode now = api.get("/api/v1/environments/web").json().path("commit");
      assertThat(now.path("revision").asText()).isEqualTo(second);
      assertThat(now.path("message").asText()).isEqualTo("Bold greeting");
      assertThat(api.get("/api/v1/audit?object=web").body()).doesNotContain("Welcome page");
    }
  }
}
