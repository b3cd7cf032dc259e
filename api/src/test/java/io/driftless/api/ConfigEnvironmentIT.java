package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.ApplyDocuments;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The config environment ({@code target: {type: driftless}}) end to end with real Git through
 * {@code git daemon}: its documents become sources and environments in a run with per-object
 * changes, a second run changes nothing, edits and removals follow the documents, scope and
 * app-of-apps refusals name file and field with nothing applied, forced REST changes are drift that
 * self-heal reverts, and rollback restores the registry.
 */
class ConfigEnvironmentIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  private static final Path SERVED = SERVER.dir.resolve("served");
  private static final GitDaemon DAEMON = GitDaemon.serve(SERVED);

  private final Api admin = SERVER.admin();

  @AfterAll
  static void stopDaemon() {
    DAEMON.close();
  }

  /** A working copy pushing to the served bare repository {@code name}.git. */
  private static TestGitRepo repo(String name) {
    return SERVER.owned(
        TestGitRepo.pushingTo(SERVED.resolve(name + ".git"), SERVER.dir.resolve(name + "-work")));
  }

  private static void push(TestGitRepo repo, Map<String, String> files, String message) {
    repo.commit(files, message);
    repo.push();
  }

  private static String source(String name) {
    return ApplyDocuments.source(name, DAEMON.url(name + ".git"));
  }

  /** Registers the config environment {@code name} reading {@code driftless/} of its repo. */
  private TestGitRepo config(String name, Map<String, String> files, Map<String, Object> target) {
    TestGitRepo cfg = repo(name);
    push(cfg, files, "documents");
    admin.createSource(name, DAEMON.url(name + ".git"));
    EnvironmentBody body =
        EnvironmentBody.config(name, name, "driftless")
            .sync(Map.of("auto", false, "prune", true, "interval", "1h"));
    target.forEach(body::target);
    admin.createEnvironment(body);
    return cfg;
  }

  /**
   * The config environment {@code <p>-config} declaring the source {@code <p>-site} and the
   * environment {@code <p>-web} (its {@code web}, under the root {@code <p>-web}).
   */
  private TestGitRepo siteAndWeb(String p, Map<String, Object> target) {
    return config(
        p + "-config",
        Map.of(
            "driftless/s.yaml",
            source(p + "-site"),
            "driftless/web.yaml",
            ApplyDocuments.environment(p + "-web", p + "-site", "web", p + "-web")),
        target);
  }

  private List<String> changes(long run) {
    List<String> lines = new ArrayList<>();
    for (JsonNode c : admin.get("/api/v1/runs/" + run + "/changes").json().path("items")) {
      lines.add(c.path("action").asText() + " " + c.path("key").asText());
    }
    return lines;
  }

  private JsonNode env(String name) {
    return admin.get("/api/v1/environments/" + name).json();
  }

  @Test
  void documentsBecomeObjectsThatSyncTheirTargetsAndFollowEditsAndRemovals() throws Exception {
    TestGitRepo site = repo("ga-site");
    push(site, Map.of("web/index.html", "one\n", "web2/index.html", "two\n"), "site");
    Map<String, String> files = new HashMap<>();
    files.put("driftless/sources.yaml", source("ga-site"));
    // A relative root resolves under the scope's first root, here the server's allowed root.
    files.put(
        "driftless/web.yaml", ApplyDocuments.environment("ga-web", "ga-site", "web", "ga-web"));
    files.put("driftless/README.md", "not a document\n");
    TestGitRepo cfg = config("ga-config", files, Map.of());

    long first = admin.syncSucceeded("ga-config", Map.of("reason", "first"));
    assertThat(changes(first))
        .containsExactlyInAnyOrder("create environment/ga-web", "create source/ga-site");
    JsonNode web = env("ga-web");
    assertThat(web.path("managedBy").path("owner").asText()).isEqualTo("ga-config");
    assertThat(web.path("managedBy").path("file").asText()).isEqualTo("web.yaml");
    assertThat(web.path("target").path("root").asText())
        .isEqualTo(SERVER.targets().resolve("ga-web").toString());
    admin.syncSucceeded("ga-web", Map.of("reason", "its own target"));
    Path index = SERVER.targets().resolve("ga-web/index.html");
    assertThat(Files.readString(index)).isEqualTo("one\n");

    // Nothing new: nothing changes.
    Api.Reply again = admin.sync("ga-config", Map.of("reason", "again"));
    assertThat(again.text("status")).as(again.toString()).isEqualTo("no_op");
    assertThat(changes(again.json().path("id").asLong())).isEmpty();
    assertThat(
            admin.get("/api/v1/audit?action=environment.apply&object=ga-web").json().path("items"))
        .hasSize(1);

    // A commit changing the document changes the object.
    push(
        cfg,
        Map.of(
            "driftless/web.yaml",
            ApplyDocuments.environment("ga-web", "ga-site", "web2", "ga-web")),
        "web2");
    long edit = admin.syncSucceeded("ga-config", Map.of("reason", "edit"));
    assertThat(changes(edit)).containsExactly("update environment/ga-web");
    assertThat(env("ga-web").path("path").asText()).isEqualTo("web2");
    admin.syncSucceeded("ga-web", Map.of("reason", "two"));
    assertThat(Files.readString(index)).isEqualTo("two\n");

    // Removing the file retires the environment (prune): history and files kept.
    cfg.delete("driftless/web.yaml");
    cfg.commit("remove web");
    cfg.push();
    long removal = admin.syncSucceeded("ga-config", Map.of("reason", "remove"));
    assertThat(changes(removal)).containsExactly("delete environment/ga-web");
    assertThat(env("ga-web").path("status").asText()).isEqualTo("retired");
    assertThat(admin.get("/api/v1/environments/ga-web/runs").json().path("items")).hasSize(2);
    assertThat(Files.readString(index)).as("files stay").isEqualTo("two\n");
    assertThat(admin.get("/api/v1/sources/ga-site").status()).isEqualTo(200);
    assertThat(env("ga-web").path("state").path("retired").asBoolean()).isTrue();
    assertThat(admin.get("/api/v1/sources/ga-site").text("state")).isEqualTo("active");
    assertThat(admin.get("/api/v1/export").text("documents"))
        .as("export leaves retired objects out")
        .contains("name: ga-site")
        .doesNotContain("name: ga-web");
  }

  @Test
  void aGeneratorMakesOneEnvironmentPerDirectoryAndFollowsTheTreeOnEachRun() throws Exception {
    TestGitRepo shop = repo("gg-site");
    push(shop, Map.of("envs/gg-shop/prod/index.html", "shop\n"), "another repository");
    // One set over the config environment's own repository, read at the revision of its run, and
    // one over another source, read through the mirror; relative roots resolve under the scope.
    TestGitRepo cfg =
        config(
            "gg-config",
            Map.of(
                "driftless/apps.yaml", EnvironmentSetIT.set("apps", "gg-config", "gg/"),
                "driftless/shop.yaml",
                    source("gg-site") + "---\n" + EnvironmentSetIT.set("shop", "gg-site", "gg/"),
                "envs/gg-web/prod/index.html", "web prod\n",
                "envs/gg-web/staging/index.html", "web staging\n",
                "envs/legacy/old/x.txt", "old\n"),
            Map.of());

    long first = admin.syncSucceeded("gg-config", Map.of("reason", "first"));
    assertThat(changes(first))
        .containsExactlyInAnyOrder(
            "create source/gg-site",
            "create environment/gg-shop-prod",
            "create environment/gg-web-prod",
            "create environment/gg-web-staging");
    JsonNode web = env("gg-web-prod");
    assertThat(web.path("path").asText()).isEqualTo("envs/gg-web/prod");
    assertThat(web.path("managedBy").path("file").asText()).isEqualTo("apps.yaml#apps");
    assertThat(web.path("target").path("root").asText())
        .isEqualTo(SERVER.targets().resolve("gg/gg-web/prod").toString());
    admin.syncSucceeded("gg-web-prod", Map.of("reason", "its own target"));
    assertThat(Files.readString(SERVER.targets().resolve("gg/gg-web/prod/index.html")))
        .isEqualTo("web prod\n");
    Api.Reply again = admin.sync("gg-config", Map.of("reason", "again"));
    assertThat(again.text("status")).as(again.toString()).isEqualTo("no_op");

    // A commit outside the documents' path adds and removes directories: the next run follows.
    cfg.delete("envs/gg-web/staging/index.html");
    push(cfg, Map.of("envs/gg-api/prod/app.txt", "api\n"), "api, no web staging");
    long second = admin.syncSucceeded("gg-config", Map.of("reason", "tree"));
    assertThat(changes(second))
        .containsExactlyInAnyOrder(
            "create environment/gg-api-prod", "delete environment/gg-web-staging");
    assertThat(env("gg-web-staging").path("status").asText()).isEqualTo("retired");

    // A directory generating an invalid name fails the run naming the set's file and the directory.
    push(cfg, Map.of("envs/Gg_Bad/prod/index.html", "bad\n"), "an invalid name");
    Api.Reply bad = admin.sync("gg-config", Map.of("reason", "bad name"));
    assertThat(bad.text("status")).as(bad.toString()).isEqualTo("failed");
    JsonNode error = bad.json().path("error");
    assertThat(error.path("details").path("file").asText()).isEqualTo("apps.yaml");
    assertThat(error.path("details").path("field").asText()).isEqualTo("template.name");
    assertThat(error.path("message").asText())
        .contains("EnvironmentSet apps")
        .contains("directory envs/Gg_Bad/prod");
    assertThat(env("gg-api-prod").path("status").asText())
        .as("nothing of the failed run applied")
        .isNotEqualTo("retired");

    // A generated environment outside the scope fails like a written one, naming the directory.
    cfg.delete("envs/Gg_Bad/prod/index.html");
    push(
        cfg,
        Map.of("driftless/apps.yaml", EnvironmentSetIT.set("apps", "gg-config", "../")),
        "roots out of the scope");
    Api.Reply outside = admin.sync("gg-config", Map.of("reason", "outside"));
    assertThat(outside.text("status")).as(outside.toString()).isEqualTo("failed");
    assertThat(outside.json().path("error").path("details").path("field").asText())
        .isEqualTo("template.target.root");
    assertThat(outside.json().path("error").path("message").asText())
        .contains("apps.yaml")
        .contains("directory envs/gg-api/prod");
  }

  @Test
  void aConfigEnvironmentDeclaresAnotherButNotItsAncestor() throws Exception {
    String child =
        "apiVersion: driftless.io/v1\nkind: Environment\nname: gf-b\nsource: gf-b\nref: main\n"
            + "path: driftless\ntarget: {type: driftless}\nsync: {auto: false, interval: 1h}\n";
    config("gf-a", Map.of("driftless/s.yaml", source("gf-b"), "driftless/b.yaml", child), Map.of());
    TestGitRepo b = repo("gf-b");
    String parent = child.replace("gf-b", "gf-a");
    push(b, Map.of("driftless/a.yaml", parent), "declares its parent");
    admin.syncSucceeded("gf-a", Map.of("reason", "declare b"));
    assertThat(env("gf-b").path("target").path("type").asText()).isEqualTo("driftless");
    assertThat(env("gf-b").path("managedBy").path("owner").asText()).isEqualTo("gf-a");

    Api.Reply loop = admin.sync("gf-b", Map.of("reason", "loop"));
    assertThat(loop.text("status")).as(loop.toString()).isEqualTo("failed");
    JsonNode error = loop.json().path("error");
    assertThat(error.path("details").path("file").asText()).isEqualTo("a.yaml");
    assertThat(error.path("details").path("field").asText()).isEqualTo("name");
    assertThat(error.path("message").asText()).contains("ancestor");
    assertThat(env("gf-a").path("managedBy").isNull()).isTrue();
  }

  @Test
  void deletionCascadePrunesARetiredEnvironmentsFilesByInventory() throws Exception {
    TestGitRepo site = repo("gb-site");
    push(site, Map.of("web/index.html", "one\n"), "site");
    Path kept = SERVER.targets().resolve("gb-web/not-managed.txt");
    Files.createDirectories(kept.getParent());
    Files.writeString(kept, "a person's file\n");
    TestGitRepo cfg = siteAndWeb("gb", Map.of("deletion", "cascade"));
    admin.syncSucceeded("gb-config", Map.of("reason", "first"));
    admin.syncSucceeded("gb-web", Map.of("reason", "files"));
    Path index = SERVER.targets().resolve("gb-web/index.html");
    assertThat(index).exists();

    cfg.delete("driftless/web.yaml");
    cfg.commit("remove web");
    cfg.push();
    admin.syncSucceeded("gb-config", Map.of("reason", "remove"));
    assertThat(env("gb-web").path("status").asText()).isEqualTo("retired");
    assertThat(index).doesNotExist();
    assertThat(kept).as("only the inventory is pruned").exists();
    // The prune is a run of the retired environment: who retired it, and what it removed.
    JsonNode runs = admin.get("/api/v1/environments/gb-web/runs").json().path("items");
    assertThat(runs).hasSize(2);
    JsonNode retire = runs.get(0);
    assertThat(retire.path("status").asText()).as(retire.toString()).isEqualTo("succeeded");
    assertThat(retire.path("trigger").path("type").asText()).isEqualTo("retire");
    assertThat(retire.path("trigger").path("actor").asText()).isEqualTo("environment:gb-config");
    assertThat(retire.path("trigger").path("reason").asText()).contains("web.yaml");
    assertThat(changes(retire.path("id").asLong())).containsExactly("delete index.html");
  }

  @Test
  void aDocumentOutsideTheScopeFailsTheRunNamingFileAndFieldAndNothingIsApplied() throws Exception {
    Path roots = SERVER.targets().resolve("gc");
    TestGitRepo cfg =
        config(
            "gc-config",
            Map.of("driftless/s.yaml", source("gc-site")),
            Map.of(
                "scope",
                Map.of("sources", List.of("gc-site"), "roots", List.of(roots.toString()))));
    String fine = ApplyDocuments.environment("gc-web", "gc-site", "web", "web");
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put(
        "target.root", ApplyDocuments.environment("gc-web", "gc-site", "web", "../outside"));
    refusals.put("source", ApplyDocuments.environment("gc-web", "gc-config", "web", "web"));
    refusals.put(
        "target.postApply",
        fine.replace("root: web}", "root: web, postApply: {argv: [\"true\"]}}"));
    refusals.put("name", ApplyDocuments.environment("gc-config", "gc-site", "web", "web"));
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      push(cfg, Map.of("driftless/web.yaml", refusal.getValue()), refusal.getKey());
      Api.Reply run = admin.sync("gc-config", Map.of("reason", refusal.getKey()));
      assertThat(run.text("status")).as(run.toString()).isEqualTo("failed");
      JsonNode details = run.json().path("error").path("details");
      assertThat(details.path("file").asText()).as(run.toString()).isEqualTo("web.yaml");
      assertThat(details.path("field").asText()).as(run.toString()).isEqualTo(refusal.getKey());
      assertThat(admin.get("/api/v1/sources/gc-site").status())
          .as("nothing applied")
          .isEqualTo(404);
    }
    push(
        cfg,
        Map.of("driftless/web.yaml", source("gc-config").replace("gc-config.git", "x.git")),
        "own");
    Api.Reply own = admin.sync("gc-config", Map.of("reason", "own source"));
    assertThat(own.json().path("error").path("details").path("field").asText()).isEqualTo("name");
    assertThat(own.json().path("error").path("message").asText()).contains("its own source");

    push(cfg, Map.of("driftless/web.yaml", fine), "fine");
    admin.syncSucceeded("gc-config", Map.of("reason", "fine"));
    assertThat(env("gc-web").path("target").path("root").asText())
        .isEqualTo(roots.resolve("web").toString());
  }

  @Test
  void aForcedRestChangeIsDriftThatSelfHealReverts() throws Exception {
    repo("gd-site");
    push(repo("gd-site-2"), Map.of("x", "y"), "unused");
    siteAndWeb("gd", Map.of());
    admin.syncSucceeded("gd-config", Map.of("reason", "first"));

    Api.Reply refused = admin.patch("/api/v1/environments/gd-web", Map.of("ref", "release"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.text("message")).contains("gd-config").contains("web.yaml");
    Api.Reply forced =
        admin.patch("/api/v1/environments/gd-web?force=true", Map.of("ref", "release"));
    assertThat(forced.status()).as(forced.toString()).isEqualTo(200);

    JsonNode diff = admin.get("/api/v1/environments/gd-config/diff").json();
    assertThat(diff.toString()).contains("environment/gd-web");
    JsonNode change = diff.path("changes").get(0);
    assertThat(change.path("drift").asBoolean()).as(diff.toString()).isTrue();
    admin.sync("gd-config", Map.of("dryRun", true, "reason", "check"));
    assertThat(env("gd-config").path("state").path("drift").asBoolean()).isTrue();
    assertThat(env("gd-web").path("ref").asText())
        .as("a dry run reverts nothing")
        .isEqualTo("release");

    Api.Reply heal =
        admin.patch(
            "/api/v1/environments/gd-config",
            Map.of("sync", Map.of("auto", true, "selfHeal", true, "interval", "1s")));
    assertThat(heal.status()).as(heal.toString()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> env("gd-web").path("ref").asText().equals("main"));
  }

  @Test
  void deletingAConfigEnvironmentReleasesWhatItDeclaredAudited() throws Exception {
    siteAndWeb("gh", Map.of());
    admin.syncSucceeded("gh-config", Map.of("reason", "first"));
    assertThat(env("gh-web").path("managedBy").path("owner").asText()).isEqualTo("gh-config");

    Api.Reply deleted = admin.delete("/api/v1/environments/gh-config");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(env("gh-web").path("managedBy").isNull()).as(env("gh-web").toString()).isTrue();
    assertThat(admin.get("/api/v1/sources/gh-site").json().path("managedBy").isNull()).isTrue();
    JsonNode released =
        admin.get("/api/v1/audit?action=environment.release&object=gh-web").json().path("items");
    assertThat(released).hasSize(1);
    assertThat(released.get(0).path("reason").asText()).contains("gh-config").contains("web.yaml");
    assertThat(admin.get("/api/v1/audit?action=source.release&object=gh-site").json().path("items"))
        .hasSize(1);
    Api.Reply patched = admin.patch("/api/v1/environments/gh-web", Map.of("ref", "release"));
    assertThat(patched.status()).as("unowned: no force needed").isEqualTo(200);
  }

  @Test
  void rollingBackTheConfigEnvironmentRestoresTheRegistry() throws Exception {
    TestGitRepo cfg = siteAndWeb("ge", Map.of());
    long first = admin.syncSucceeded("ge-config", Map.of("reason", "first"));
    push(
        cfg,
        Map.of(
            "driftless/web.yaml",
            ApplyDocuments.environment("ge-web", "ge-site", "web2", "ge-web"),
            "driftless/api.yaml",
            ApplyDocuments.environment("ge-api", "ge-site", "api", "ge-api")),
        "second");
    admin.syncSucceeded("ge-config", Map.of("reason", "second"));
    assertThat(env("ge-web").path("path").asText()).isEqualTo("web2");
    assertThat(env("ge-api").path("status").asText()).isNotEqualTo("retired");

    Api.Reply back = admin.rollback("ge-config", Map.of("toRun", first, "reason", "undo"));
    assertThat(back.text("status")).as(back.toString()).isEqualTo("succeeded");
    assertThat(env("ge-web").path("path").asText()).isEqualTo("web");
    assertThat(env("ge-api").path("status").asText()).isEqualTo("retired");
  }
}
