package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.ApplyDocuments;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An EnvironmentSet's Git directory generator through {@code POST /api/v1/apply}, over a real
 * repository served by {@code git daemon}: one environment per directory, a new directory adds one,
 * a removed one retires it with prune, and a directory generating an invalid name fails the apply
 * naming it.
 */
class EnvironmentSetIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  private static String documents(String url) {
    return ApplyDocuments.source("gen-site", url)
        + "---\n"
        + set("apps", "gen-site", SERVER.targets() + "/");
  }

  /**
   * An EnvironmentSet over the directories two levels under {@code envs} of {@code source} at main
   * ({@code envs/legacy} excluded): environment {@code <path[1]>-<basename>} of each directory,
   * with the root {@code <rootPrefix><path[1]>/<basename>}; shared with the config environment's
   * test.
   */
  static String set(String name, String source, String rootPrefix) {
    return "apiVersion: driftless.io/v1\n"
        + "kind: EnvironmentSet\n"
        + "name: "
        + name
        + "\n"
        + "generator: {directories: {paths: [\"envs/*/*\"], exclude: [\"envs/legacy/*\"]}}\n"
        + "template:\n"
        + "  name: \"{{path[1]}}-{{path.basename}}\"\n"
        + "  source: "
        + source
        + "\n"
        + "  ref: main\n"
        + "  path: \"{{path}}\"\n"
        + "  target: {type: directory, root: \""
        + rootPrefix
        + "{{path[1]}}/{{path.basename}}\"}\n"
        + "  sync: {auto: false, interval: 1h}\n";
  }

  private static Api.Reply apply(String yaml) {
    return SERVER
        .admin()
        .post(
            "/api/v1/apply",
            Map.of("owner", "team-gen", "prune", true, "files", Map.of("sets/apps.yaml", yaml)));
  }

  private static List<String> plan(Api.Reply reply) {
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : reply.json().path("plan")) {
      lines.add(entry.path("action").asText() + " " + entry.path("name").asText());
    }
    return lines;
  }

  @Test
  void aGeneratorMakesOneEnvironmentPerDirectoryAndFollowsTheTree() throws Exception {
    Path served = SERVER.dir.resolve("gen-served");
    TestGitRepo work =
        TestGitRepo.pushingTo(served.resolve("gen.git"), SERVER.dir.resolve("gen-w"));
    work.commit(
        Map.of(
            "envs/web/prod/index.html", "web prod\n",
            "envs/web/staging/index.html", "web staging\n",
            "envs/api/prod/app.txt", "api prod\n",
            "envs/legacy/old/x.txt", "old\n",
            "README.md", "site\n"),
        "three environments");
    work.push();
    Api admin = SERVER.admin();
    try (GitDaemon daemon = GitDaemon.serve(served)) {
      String yaml = documents(daemon.url("gen.git"));

      Api.Reply first = apply(yaml).expect(200);
      assertThat(plan(first))
          .containsExactly("add gen-site", "add api-prod", "add web-prod", "add web-staging");
      Api.Reply web = admin.get("/api/v1/environments/web-prod");
      assertThat(web.text("path")).isEqualTo("envs/web/prod");
      assertThat(web.json().path("target").path("root").asText())
          .isEqualTo(SERVER.targets().resolve("web/prod").toString());
      assertThat(web.json().path("managedBy").path("owner").asText()).isEqualTo("team-gen");
      assertThat(web.json().path("managedBy").path("file").asText())
          .isEqualTo("sets/apps.yaml#apps");
      assertThat(admin.get("/api/v1/environments/legacy-old").status()).isEqualTo(404);
      // A generated environment is a normal one: it syncs its directory.
      admin.syncSucceeded("web-prod", Map.of("reason", "first"));
      assertThat(Files.readString(SERVER.targets().resolve("web/prod/index.html")))
          .isEqualTo("web prod\n");
      assertThat(plan(apply(yaml)))
          .containsExactly(
              "unchanged gen-site",
              "unchanged api-prod",
              "unchanged web-prod",
              "unchanged web-staging");

      // A new directory adds an environment; a removed one is retired, its files kept.
      work.delete("envs/web/staging/index.html");
      work.commit(Map.of("envs/api/staging/app.txt", "api staging\n"), "api staging, no web");
      work.push();
      Api.Reply second = apply(yaml).expect(200);
      assertThat(plan(second))
          .containsExactly(
              "add api-staging",
              "retire web-staging",
              "unchanged gen-site",
              "unchanged api-prod",
              "unchanged web-prod");
      assertThat(admin.get("/api/v1/environments/web-staging").text("status")).isEqualTo("retired");
      assertThat(admin.get("/api/v1/environments/api-staging").text("path"))
          .isEqualTo("envs/api/staging");

      // A directory whose generated name is not a valid name fails the apply, naming it.
      work.commit(Map.of("envs/Shop_Front/prod/index.html", "shop\n"), "an invalid name");
      work.push();
      Api.Reply bad = apply(yaml).expect(422);
      assertThat(bad.text("message"))
          .contains("sets/apps.yaml")
          .contains("EnvironmentSet apps")
          .contains("directory envs/Shop_Front/prod");
      assertThat(bad.json().path("details").path("file").asText()).isEqualTo("sets/apps.yaml");
      assertThat(bad.invalidField()).isEqualTo("template.name");
      assertThat(admin.get("/api/v1/environments/api-staging").text("status"))
          .as("nothing of the failed apply changed")
          .isNotEqualTo("retired");
    }
  }
}
