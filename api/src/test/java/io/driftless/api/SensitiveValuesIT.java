package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.SensitiveStrings;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files matching an environment's {@code sensitive} globs are compared by a keyed hash and shown
 * only as {@code (sensitive value changed)}: in the diff of a ref, a run's changes, the comparison
 * of two runs and the server log at DEBUG; and only an operator may diff a ref other than the
 * environment's own.
 */
class SensitiveValuesIT {
  @RegisterExtension
  static final TestServer SERVER =
      new TestServer("test-config.yml", null, ConfigOverride.config("logging.level", "DEBUG"));

  /** The secrets a test makes, looked for everywhere they must not be. */
  private final SensitiveStrings secrets = new SensitiveStrings();

  @Test
  void sensitiveFilesShowOnlyThatTheyChangedAndAViewerDiffsOnlyTheOwnRef() throws Exception {
    Api admin = SERVER.admin();
    String first = secrets.next();
    String second = secrets.next();
    TestGitRepo repo = SERVER.repo("sensitive-repo");
    repo.commit(Map.of("env/app.conf", "port=80\n", "env/tls/site.key", first + "\n"), "first");
    admin.createSource("s", repo.url());

    Api.Reply invalid =
        admin
            .post(
                "/api/v1/environments",
                EnvironmentBody.directory("bad", "s", "env", SERVER.targets().resolve("bad"))
                    .with("sensitive", List.of("**/*.key", "tls/[[:nope:]]"))
                    .toMap())
            .expect(422);
    assertThat(invalid.invalidField()).isEqualTo("sensitive");

    admin.createEnvironment(
        EnvironmentBody.directory("web", "s", "env", SERVER.targets().resolve("web"))
            .with("sensitive", List.of("**/*.key")));
    assertThat(admin.get("/api/v1/environments/web").json().path("sensitive").toString())
        .isEqualTo("[\"**/*.key\"]");
    long firstRun = admin.syncSucceeded("web", Map.of());

    repo.commitOn(
        "feature", Map.of("env/tls/site.key", second + "\n", "env/app.conf", "port=81\n"), "f");
    Api.Reply diff = admin.get("/api/v1/environments/web/diff?ref=feature");
    assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
    assertThat(change(diff.json(), "tls/site.key").path("diff").asText())
        .contains("(sensitive value changed)");
    assertThat(change(diff.json(), "app.conf").path("diff").asText()).contains("+port=81");

    // A viewer sees the environment's own ref only.
    String viewer =
        admin.post("/api/v1/tokens", Map.of("name", "v", "role", "viewer")).text("token");
    Api asViewer = admin.as(viewer);
    assertThat(asViewer.get("/api/v1/environments/web/diff?ref=feature").status()).isEqualTo(403);
    assertThat(asViewer.get("/api/v1/environments/web/diff").status()).isEqualTo(200);
    assertThat(asViewer.get("/api/v1/environments/web/diff?ref=main").status()).isEqualTo(200);
    String operator =
        admin.post("/api/v1/tokens", Map.of("name", "o", "role", "operator")).text("token");
    assertThat(admin.as(operator).get("/api/v1/environments/web/diff?ref=feature").status())
        .isEqualTo(200);

    // A run that changes it.
    repo.commit(Map.of("env/tls/site.key", second + "\n"), "rotate");
    long secondRun = admin.syncSucceeded("web", Map.of());
    Api.Reply changes = admin.get("/api/v1/runs/" + secondRun + "/changes");
    JsonNode key = change(changes.json(), "tls/site.key");
    assertThat(key.path("diff").asText()).contains("(sensitive value changed)");
    assertThat(key.path("beforeHash").isNull()).isTrue();
    assertThat(key.path("afterHash").isNull()).isTrue();
    Api.Reply compare = admin.get("/api/v1/runs/" + firstRun + "/compare/" + secondRun).expect(200);
    assertThat(compare.body()).contains("(sensitive value changed)");

    String everything =
        String.join("\n", admin.seen())
            + Files.readString(SERVER.serverLog())
            + Files.readString(SERVER.requestLog());
    assertThat(Files.readString(SERVER.serverLog())).contains("DEBUG");
    secrets.assertNoneIn(everything, "an API response or the server log");
  }

  static JsonNode change(JsonNode page, String key) {
    JsonNode changes = page.has("items") ? page.path("items") : page.path("changes");
    for (JsonNode c : changes) {
      if (c.path("key").asText().equals(key)) {
        return c;
      }
    }
    for (JsonNode c : page.path("differences")) {
      if (c.path("key").asText().equals(key)) {
        return c;
      }
    }
    throw new AssertionError("no change of " + key + " in " + page);
  }
}
