package io.driftless.api.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pull request touching a config environment's documents is previewed with the registry changes
 * it would make listed, and nothing is applied.
 */
class ConfigPreviewIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  private static final PullRequests REPO =
      new PullRequests(SERVER.dir.resolve("config-preview-repo"));

  @AfterAll
  static void close() {
    REPO.close();
  }

  private static String environment(String name, String path, String root) {
    return "apiVersion: driftless.io/v1\nkind: Environment\nname: "
        + name
        + "\nsource: cp\nref: main\npath: "
        + path
        + "\ntarget: {type: directory, root: "
        + root
        + "}\nsync: {auto: false, interval: 1h}\n";
  }

  @Test
  void aPullRequestAddingAnEnvironmentIsPreviewedWithTheAdditionListed() throws Exception {
    Api admin = SERVER.admin();
    REPO.commit(
        "main",
        Map.of(
            "driftless/staging.yaml",
            environment("cp-staging", "site", "cp-staging"),
            "site/index.html",
            "one\n"));
    Api.Reply source =
        admin.post(
            "/api/v1/sources",
            Map.of("name", "cp", "url", REPO.url(), "webhookSecret", PreviewFlowIT.SECRET));
    assertThat(source.status()).as(source.toString()).isEqualTo(201);
    admin.createEnvironment(EnvironmentBody.config("cp-config", "cp", "driftless"));
    admin.syncSucceeded("cp-config", Map.of("reason", "first"));

    String head =
        REPO.commit(
            "add-prod",
            Map.of(
                "driftless/prod.yaml", environment("cp-prod", "site", "cp-prod"),
                "driftless/staging.yaml", environment("cp-staging", "site", "cp-staging-2")));
    JsonNode preview =
        PreviewFlowIT.preview(
            SERVER,
            REPO.github("opened", 3, "add-prod", head, PreviewFlowIT.SECRET),
            "cp",
            3,
            head);
    assertThat(PreviewFlowIT.summaries(preview))
        .containsEntry(
            "cp-config", "adds environment cp-prod; changes the target root of cp-staging");
    assertThat(admin.get("/api/v1/environments/cp-prod").status())
        .as("nothing applied")
        .isEqualTo(404);
  }
}
