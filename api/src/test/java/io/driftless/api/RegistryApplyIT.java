package io.driftless.api;

import static io.driftless.api.testing.ApplyDocuments.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.ApplyDocuments;
import io.driftless.api.testing.EnvironmentBody;
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
 * Environments as code through {@code POST /api/v1/apply}: documents add and change sources and
 * environments under an owner, a second apply changes nothing, secrets and foreign objects are
 * refused naming the file and field, and REST changes to owned objects need force.
 */
class RegistryApplyIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  private static String environment(String name, String source, String path) {
    return ApplyDocuments.environment(name, source, path, SERVER.targets().resolve(name));
  }

  private static Api.Reply apply(Map<String, String> files, String owner, boolean dryRun) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("files", files);
    if (owner != null) {
      body.put("owner", owner);
    }
    return SERVER.admin().post("/api/v1/apply" + (dryRun ? "?dryRun=true" : ""), body);
  }

  private static List<String> plan(Api.Reply reply) {
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : reply.json().path("plan")) {
      lines.add(
          entry.path("action").asText()
              + " "
              + entry.path("kind").asText()
              + " "
              + entry.path("name").asText()
              + (entry.path("fields").isEmpty() ? "" : " " + entry.path("fields")));
    }
    return lines;
  }

  @Test
  void applyingTwiceChangesNothingTheSecondTimeAndADryRunSaysWhetherSomethingWould() {
    Map<String, String> files =
        Map.of(
            "sources.yaml",
            source("aa-site"),
            "envs/web.yaml",
            environment("aa-web", "aa-site", "web")
                + "---\n"
                + environment("aa-api", "aa-site", "api"));

    Api.Reply before = apply(files, "team-a", true).expect(200);
    assertThat(before.json().path("changed").asBoolean()).isTrue();
    assertThat(SERVER.admin().get("/api/v1/environments/aa-web").status()).isEqualTo(404);

    Api.Reply first = apply(files, "team-a", false).expect(200);
    assertThat(plan(first))
        .containsExactly("add Source aa-site", "add Environment aa-web", "add Environment aa-api");
    Api.Reply web = SERVER.admin().get("/api/v1/environments/aa-web");
    assertThat(web.json().path("managedBy").path("owner").asText()).isEqualTo("team-a");
    assertThat(web.json().path("managedBy").path("file").asText()).isEqualTo("envs/web.yaml");
    assertThat(
            SERVER
                .admin()
                .get("/api/v1/sources/aa-site")
                .json()
                .path("managedBy")
                .path("file")
                .asText())
        .isEqualTo("sources.yaml");

    Api.Reply second = apply(files, "team-a", false);
    assertThat(second.json().path("changed").asBoolean()).isFalse();
    assertThat(plan(second))
        .containsExactly(
            "unchanged Source aa-site",
            "unchanged Environment aa-web",
            "unchanged Environment aa-api");
    assertThat(apply(files, "team-a", true).json().path("changed").asBoolean()).isFalse();

    Api.Reply changed =
        apply(
            Map.of(
                "sources.yaml",
                source("aa-site"),
                "envs/web.yaml",
                environment("aa-web", "aa-site", "web2")
                    + "---\n"
                    + environment("aa-api", "aa-site", "api")),
            "team-a",
            false);
    assertThat(plan(changed)).first().isEqualTo("change Environment aa-web [\"path\"]");
    assertThat(SERVER.admin().get("/api/v1/environments/aa-web").text("path")).isEqualTo("web2");
    assertThat(
            SERVER
                .admin()
                .get("/api/v1/audit?action=environment.apply&object=aa-web")
                .json()
                .path("items"))
        .hasSize(2);
  }

  @Test
  void aSecretInADocumentIsRefusedNamingTheFileAndTheField() {
    Api.Reply webhook =
        apply(
                Map.of(
                    "src/hooked.yaml",
                    source("bb-hooked") + "webhookSecret: abcdefghijklmnopqrstuvwxyz\n"),
                null,
                false)
            .expect(422);
    assertThat(webhook.json().path("details").path("file").asText()).isEqualTo("src/hooked.yaml");
    assertThat(webhook.invalidField()).isEqualTo("webhookSecret");
    assertThat(webhook.body()).doesNotContain("abcdefghijklmnopqrstuvwxyz");

    Api.Reply token =
        apply(
            Map.of(
                "src/token.yaml",
                source("bb-token") + "auth: {type: token, token: ghp_secretvalue}\n"),
            null,
            false);
    assertThat(token.status()).isEqualTo(422);
    assertThat(token.invalidField()).isEqualTo("auth.token");
    assertThat(token.text("message")).contains("src/token.yaml").contains("named credential");
    assertThat(token.body()).doesNotContain("ghp_secretvalue");
    assertThat(SERVER.admin().get("/api/v1/sources/bb-hooked").status()).isEqualTo(404);
  }

  @Test
  void anExistingObjectNotOwnedByTheOwnerNeedsAdopt() {
    Api admin = SERVER.admin();
    admin.createSource("cc-site", "https://git.example.com/cc-site.git");
    admin.createEnvironment(
        EnvironmentBody.directory("cc-web", "cc-site", "web", SERVER.targets().resolve("cc-web")));

    Api.Reply refused =
        apply(Map.of("web.yaml", environment("cc-web", "cc-site", "web")), "team-c", false)
            .expect(422);
    assertThat(refused.invalidField()).isEqualTo("adopt");
    assertThat(refused.text("message"))
        .contains("web.yaml")
        .contains("cc-web")
        .contains("adopt: true");
    assertThat(admin.get("/api/v1/environments/cc-web").json().path("managedBy").isNull()).isTrue();

    Api.Reply adopted =
        apply(
                Map.of("web.yaml", environment("cc-web", "cc-site", "web") + "adopt: true\n"),
                "team-c",
                false)
            .expect(200);
    assertThat(
            admin
                .get("/api/v1/environments/cc-web")
                .json()
                .path("managedBy")
                .path("owner")
                .asText())
        .isEqualTo("team-c");

    Api.Reply other =
        apply(Map.of("web.yaml", environment("cc-web", "cc-site", "web")), "team-d", false);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.text("message")).contains("managed by 'team-c'");
  }

  @Test
  void aRestChangeToAnOwnedEnvironmentIsAConflictUnlessForcedAndTheForceIsAudited() {
    Api admin = SERVER.admin();
    Map<String, String> files =
        Map.of(
            "s.yaml", source("dd-site"), "envs/dd.yaml", environment("dd-web", "dd-site", "web"));
    assertThat(apply(files, "team-d", false).status()).isEqualTo(200);

    Api.Reply patch =
        admin.patch("/api/v1/environments/dd-web", Map.of("ref", "release")).expect(409);
    assertThat(patch.text("message")).contains("team-d").contains("envs/dd.yaml");
    assertThat(patch.json().path("details").path("owner").asText()).isEqualTo("team-d");
    assertThat(admin.delete("/api/v1/environments/dd-web").status()).isEqualTo(409);
    assertThat(admin.delete("/api/v1/sources/dd-site").status()).isEqualTo(409);
    assertThat(admin.get("/api/v1/environments/dd-web").text("ref")).isEqualTo("main");

    Api.Reply forced =
        admin.patch("/api/v1/environments/dd-web?force=true", Map.of("ref", "release"));
    assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
    assertThat(forced.text("ref")).isEqualTo("release");
    JsonNode audit =
        admin.get("/api/v1/audit?action=environment.update&object=dd-web").json().path("items");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("reason").asText()).contains("forced").contains("team-d");

    assertThat(plan(apply(files, "team-d", true))).contains("change Environment dd-web [\"ref\"]");
  }

  @Test
  void oneFailingObjectLeavesTheRegistryAsItWas() {
    Api.Reply refused =
        apply(
                Map.of(
                    "a.yaml",
                    source("ee-site"),
                    "b.yaml",
                    environment("ee-web", "ee-site", "web")
                        .replace(SERVER.targets().toString(), "/not-allowed")),
                "team-e",
                false)
            .expect(422);
    assertThat(refused.text("message")).contains("b.yaml");
    assertThat(SERVER.admin().get("/api/v1/sources/ee-site").status()).isEqualTo(404);
  }

  @Test
  void pruneRetiresWhatNoDocumentDeclaresKeepingHistoryAndFilesAndDeclaringAgainRestores()
      throws Exception {
    Path served = SERVER.dir.resolve("ff-served");
    TestGitRepo work = TestGitRepo.pushingTo(served.resolve("ff.git"), SERVER.dir.resolve("ff-w"));
    work.commit(Map.of("web/index.html", "one\n"), "one");
    work.push();
    Api admin = SERVER.admin();
    try (GitDaemon daemon = GitDaemon.serve(served)) {
      String site =
          source("ff-site").replace("https://git.example.com/ff-site.git", daemon.url("ff.git"));
      Map<String, String> both =
          Map.of("s.yaml", site, "e.yaml", environment("ff-web", "ff-site", "web"));
      assertThat(apply(both, "team-f", false).status()).isEqualTo(200);
      long run = admin.syncSucceeded("ff-web", Map.of("reason", "one"));
      Path index = SERVER.targets().resolve("ff-web/index.html");
      assertThat(Files.readString(index)).isEqualTo("one\n");

      // The source's document stays, the environment's goes: the environment is retired.
      Map<String, Object> body =
          Map.of("owner", "team-f", "prune", true, "files", Map.of("s.yaml", site));
      Api.Reply preview = admin.post("/api/v1/apply?dryRun=true", body);
      assertThat(plan(preview))
          .containsExactly("retire Environment ff-web", "unchanged Source ff-site");
      Api.Reply pruned = admin.post("/api/v1/apply", body).expect(200);
      assertThat(plan(pruned)).contains("retire Environment ff-web");

      Api.Reply retired = admin.get("/api/v1/environments/ff-web");
      assertThat(retired.status()).isEqualTo(200);
      assertThat(retired.text("status")).isEqualTo("retired");
      assertThat(admin.get("/api/v1/environments?status=retired").toString()).contains("ff-web");
      Api.Reply refused =
          admin.post("/api/v1/environments/ff-web/sync", Map.of("reason", "x")).expect(409);
      assertThat(refused.text("message")).contains("retired");
      assertThat(admin.get("/api/v1/runs/" + run).status()).as("runs kept").isEqualTo(200);
      assertThat(admin.get("/api/v1/environments/ff-web/runs").json().path("items")).hasSize(1);
      assertThat(Files.readString(index)).as("target files stay").isEqualTo("one\n");
      assertThat(
              admin
                  .get("/api/v1/audit?action=environment.retire&object=ff-web")
                  .json()
                  .path("items"))
          .hasSize(1);
      // Pruning again retires nothing more.
      assertThat(plan(admin.post("/api/v1/apply?dryRun=true", body)))
          .containsExactly("unchanged Source ff-site");

      // Declaring it again restores it, and it runs again.
      Api.Reply restored = apply(both, "team-f", false);
      assertThat(plan(restored)).contains("change Environment ff-web [\"retired\"]");
      assertThat(admin.get("/api/v1/environments/ff-web").text("status")).isNotEqualTo("retired");
      work.commit(Map.of("web/index.html", "two\n"), "two");
      work.push();
      admin.syncSucceeded("ff-web", Map.of("reason", "two"));
      assertThat(Files.readString(index)).isEqualTo("two\n");

      // A source still used is not retired: the plan is refused naming the environment.
      Map<String, Object> noSource =
          Map.of(
              "owner",
              "team-f",
              "prune",
              true,
              "files",
              Map.of("e.yaml", environment("ff-web", "ff-site", "web")));
      Api.Reply inUse = admin.post("/api/v1/apply", noSource).expect(422);
      assertThat(inUse.text("message")).contains("source ff-site").contains("ff-web");
      assertThat(admin.get("/api/v1/environments/ff-web").text("status")).isNotEqualTo("retired");

      // Without any document, both retire; only an explicit DELETE purges.
      Api.Reply all =
          admin.post(
              "/api/v1/apply", Map.of("owner", "team-f", "prune", true, "documents", List.of()));
      assertThat(plan(all))
          .as(all.toString())
          .containsExactlyInAnyOrder("retire Source ff-site", "retire Environment ff-web");
      assertThat(admin.delete("/api/v1/environments/ff-web?force=true").status()).isEqualTo(204);
      assertThat(admin.get("/api/v1/runs/" + run).status()).isEqualTo(404);
    }

    Api.Reply ownerless =
        admin.post("/api/v1/apply", Map.of("prune", true, "documents", source("ff-site")));
    assertThat(ownerless.status()).isEqualTo(422);
    assertThat(ownerless.invalidField()).isEqualTo("owner");
  }

  @Test
  void theExportIsAcceptedByApplyAndTheSchemaDescribesTheRequestBodiesWithoutSecrets() {
    Api admin = SERVER.admin();
    admin.createSource("gg-site", "https://git.example.com/gg-site.git");
    admin.createEnvironment(
        EnvironmentBody.directory("gg-web", "gg-site", "web", SERVER.targets().resolve("gg-web")));

    Api.Reply export = admin.get("/api/v1/export");
    assertThat(export.status()).isEqualTo(200);
    String documents = export.text("documents");
    assertThat(documents).contains("kind: Environment").contains("name: gg-web");
    // Other tests' objects belong to their owners; this one's are unowned, as REST made them.
    List<String> own =
        java.util.Arrays.stream(documents.split("(?m)^---\\n"))
            .filter(d -> d.contains("name: gg-"))
            .toList();
    assertThat(own).hasSize(2);
    Api.Reply reapplied = admin.post("/api/v1/apply?dryRun=true", Map.of("documents", own));
    assertThat(reapplied.status()).as(reapplied.toString()).isEqualTo(200);
    assertThat(reapplied.json().path("changed").asBoolean()).as(reapplied.toString()).isFalse();

    JsonNode schema = admin.get("/api/v1/schema").json();
    JsonNode environment = schema.path("oneOf").get(1).path("properties");
    assertThat(environment.path("kind").path("const").asText()).isEqualTo("Environment");
    assertThat(environment.has("target")).isTrue();
    assertThat(environment.path("target").path("properties").has("root")).isTrue();
    assertThat(environment.has("notifications")).isFalse();
    JsonNode source = schema.path("oneOf").get(0).path("properties");
    assertThat(source.has("url")).isTrue();
    assertThat(source.has("webhookSecret")).isFalse();
    assertThat(source.path("auth").path("properties").has("credential")).isTrue();
    assertThat(source.path("auth").path("properties").has("token")).isFalse();
  }

  @Test
  void listingsFilterByOwnerAndSuspendAndResumeAnswerWithTheOwner() {
    Api admin = SERVER.admin();
    Map<String, String> files =
        Map.of(
            "s.yaml",
            source("hh-site"),
            "e.yaml",
            environment("hh-web", "hh-site", "web")
                + "---\n"
                + environment("hh-api", "hh-site", "api"));
    assertThat(apply(files, "team-h", false).status()).isEqualTo(200);
    admin.createEnvironment(
        EnvironmentBody.directory(
            "hh-rest", "hh-site", "web", SERVER.targets().resolve("hh-rest")));

    List<String> owned = new ArrayList<>();
    admin
        .get("/api/v1/environments?owner=team-h&limit=1")
        .json()
        .path("items")
        .forEach(e -> owned.add(e.path("name").asText()));
    assertThat(owned).containsExactly("hh-api");
    JsonNode all = admin.get("/api/v1/environments?owner=team-h").json().path("items");
    assertThat(all).extracting(e -> e.path("name").asText()).containsExactly("hh-api", "hh-web");
    assertThat(admin.get("/api/v1/sources?owner=team-h").json().path("items"))
        .extracting(s -> s.path("name").asText())
        .containsExactly("hh-site");
    assertThat(admin.get("/api/v1/sources?owner=nobody").json().path("items")).isEmpty();

    Api.Reply suspended =
        admin
            .post("/api/v1/environments/hh-web/suspend", Map.of("reason", "maintenance"))
            .expect(200);
    assertThat(suspended.json().path("managedBy").path("owner").asText()).isEqualTo("team-h");
    Api.Reply resumed =
        admin.post("/api/v1/environments/hh-web/resume", Map.of("reason", "done")).expect(200);
    assertThat(resumed.json().path("environment").path("managedBy").path("file").asText())
        .isEqualTo("e.yaml");
  }
}
