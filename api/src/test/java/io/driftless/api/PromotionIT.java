package io.driftless.api;

import static io.driftless.engine.testing.GitDaemon.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.MutableClock;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/v1/environments/{name}/promote} end to end: real repositories served by {@code
 * git daemon}, the directory target, and the GitHub stand-in. Two environments as directories of
 * one branch: staging promotes {@code VERSION} and {@code release/**} into prod, whose own values
 * stay.
 */
class PromotionIT {
  /** The system's time plus an offset that the auto-promotion test moves past the window. */
  static final MutableClock CLOCK = MutableClock.ticking();

  @RegisterExtension
  static final TestServer SERVER =
      new TestServer(
          "test-config.yml",
          CLOCK,
          ConfigOverride.config("commands.enabled", "true"),
          ConfigOverride.config("commands.allowed", "sh"));

  static final Map<String, String> TOKENS =
      Map.of(
          "github", "ghp_promotionTokenNeverShown0123456789",
          "gitlab", "glpat-promotionTokenNeverShown-42",
          "gitea", "gitea-promotionTokenNeverShown-77");
  static final FakeGitHost HOST = FakeGitHost.serving(TOKENS);
  static final GitDaemon DAEMON = GitDaemon.serve(SERVER.dir.resolve("served"));
  static final List<String> PROMOTED = List.of("VERSION", "release/**");

  private final Api api = SERVER.admin();

  @AfterAll
  static void stop() {
    HOST.close();
    DAEMON.close();
  }

  /** A repository with both environments, served as {@code <name>.git}, registered as a source. */
  private TestGitRepo repository(String name) {
    Path bare = DAEMON.createBare(name + ".git", "main");
    TestGitRepo work =
        SERVER.owned(TestGitRepo.pushingTo(bare, SERVER.dir.resolve(name + "-work")));
    work.commit(
        Map.of(
            "envs/staging/VERSION", "1\n",
            "envs/staging/release/app.yaml", "app: 1\n",
            "envs/staging/values.yaml", "staging values\n",
            "envs/prod/VERSION", "0\n",
            "envs/prod/release/app.yaml", "app: 0\n",
            "envs/prod/release/old.yaml", "old\n",
            "envs/prod/values.yaml", "prod values\n"),
        "Release 1");
    work.push();
    api.createSource(name, DAEMON.url(name + ".git"));
    return work;
  }

  private void environments(String source, String prod, String via) {
    api.createEnvironment(env(source + "-staging", source, "envs/staging"));
    api.createEnvironment(
        env(prod, source, "envs/prod")
            .with("promotion", Map.of("from", source + "-staging", "paths", PROMOTED, "via", via)));
  }

  /** {@code source}'s staging and prod (promoted by commit), each synced once. */
  private void bothSyncedOnce(String source) {
    repository(source);
    environments(source, source + "-prod", "commit");
    api.syncSucceeded(source + "-staging", Map.of("reason", "release 1"));
    api.syncSucceeded(source + "-prod", Map.of("reason", "first"));
  }

  /** auto-prod, promoted from auto-staging by commit once it was healthy for {@code after}. */
  private static EnvironmentBody autoPromoted(String after) {
    return env("auto-prod", "auto", "envs/prod")
        .with(
            "promotion",
            Map.of(
                "from",
                "auto-staging",
                "paths",
                PROMOTED,
                "via",
                "commit",
                "auto",
                Map.of("afterHealthy", after)));
  }

  private static EnvironmentBody env(String name, String source, String path) {
    return EnvironmentBody.directory(name, source, path, SERVER.targets().resolve(name));
  }

  private Api.Reply promote(String environment, Map<String, ?> body) {
    return api.post("/api/v1/environments/" + environment + "/promote", body);
  }

  private static String main(String source) {
    return git(DAEMON.path(source + ".git"), "rev-parse", "main").trim();
  }

  private static String show(String source, String ref, String path) {
    return git(DAEMON.path(source + ".git"), "show", ref + ":" + path);
  }

  // ---- via: commit

  @Test
  void aCommitPromotionPushesOntoTheBranchAndTheEnvironmentThenAppliesItsOwnValuesUntouched() {
    bothSyncedOnce("cm");
    String staged =
        api.get("/api/v1/environments/cm-staging")
            .json()
            .path("state")
            .path("syncedRevision")
            .asText();
    String before = main("cm");

    Api.Reply promoted = promote("cm-prod", Map.of("reason", "ship release 1")).expect(200);
    assertThat(promoted.text("outcome")).isEqualTo("pushed");
    assertThat(promoted.text("revision")).isEqualTo(staged);
    assertThat(promoted.text("branch")).isEqualTo("main");
    assertThat(promoted.json().path("copied").toString())
        .isEqualTo("[\"VERSION\",\"release/app.yaml\"]");
    assertThat(promoted.json().path("deleted").toString()).isEqualTo("[\"release/old.yaml\"]");
    String commit = promoted.text("commit");
    assertThat(main("cm")).isEqualTo(commit);
    assertThat(git(DAEMON.path("cm.git"), "rev-parse", "main~1").trim()).isEqualTo(before);
    assertThat(git(DAEMON.path("cm.git"), "log", "-1", "--format=%s", "main").trim())
        .isEqualTo("Promote cm-staging " + staged.substring(0, 8) + " to cm-prod: Release 1");
    assertThat(promoted.text("state")).isEqualTo("merged");
    JsonNode merged = promotion("cm-prod", 0);
    assertThat(merged.path("id").asLong()).isEqualTo(promoted.json().path("promotion").asLong());
    assertThat(merged.path("state").asText()).isEqualTo("merged");
    assertThat(merged.path("from").asText()).isEqualTo("cm-staging");
    assertThat(merged.path("revision").asText()).isEqualTo(staged);
    assertThat(merged.path("commit").asText()).isEqualTo(commit);
    assertThat(merged.path("branch").asText()).isEqualTo("main");
    assertThat(merged.path("requestedBy").asText()).isEqualTo("admin");
    assertThat(merged.path("reason").asText()).isEqualTo("ship release 1");
    assertThat(merged.path("fromAppliedAt").isTextual()).isTrue();
    assertThat(merged.path("links").path("environment").asText())
        .isEqualTo("/api/v1/environments/cm-prod");

    // The receiving environment applies the promoted files; its own values stay.
    long deployed =
        api.syncSucceeded("cm-prod", Map.of("reason", "deploy the promotion", "prune", true));
    JsonNode applied = settled("cm-prod", 0, "applied");
    assertThat(applied.path("appliedRun").asLong()).isEqualTo(deployed);
    assertThat(applied.path("settledAt").isTextual()).isTrue();
    assertThat(applied.path("links").path("appliedRun").asText())
        .isEqualTo("/api/v1/runs/" + deployed);
    String metrics = api.get("/metrics").body();
    assertThat(metrics)
        .containsPattern("(?m)^driftless_promotions\\{state=\"applied\"} [1-9]")
        .containsPattern(
            "(?m)^driftless_promotion_lead_time_seconds_count\\{environment=\"cm-prod\"} 1");
    Path prod = SERVER.targets().resolve("cm-prod");
    assertThat(read(prod.resolve("VERSION"))).isEqualTo("1\n");
    assertThat(read(prod.resolve("release/app.yaml"))).isEqualTo("app: 1\n");
    assertThat(read(prod.resolve("values.yaml"))).isEqualTo("prod values\n");
    assertThat(prod.resolve("release/old.yaml")).doesNotExist();
    assertThat(show("cm", "main", "envs/staging/values.yaml")).isEqualTo("staging values\n");

    JsonNode audit = audited("cm-prod");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("objectName").asText()).isEqualTo("cm-prod");
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("admin");
    assertThat(audit.get(0).path("reason").asText()).isEqualTo("ship release 1");

    // The same promotion again changes nothing.
    Api.Reply again = promote("cm-prod", Map.of("reason", "again")).expect(200);
    assertThat(again.text("outcome")).isEqualTo("unchanged");
    assertThat(again.text("message")).startsWith("nothing to change");
    assertThat(main("cm")).isEqualTo(commit);
    assertThat(promotions("cm-prod")).hasSize(1);
  }

  @Test
  void aPromotionWhoseRunFailsIsAFailedPromotionWithTheRunsError() {
    bothSyncedOnce("rf");
    Api.Reply promoted = promote("rf-prod", Map.of("reason", "ship")).expect(200);
    healthCheck("rf-prod", "echo sick >&2; exit 1");
    Api.Reply run = api.sync("rf-prod", Map.of("reason", "deploy"));
    assertThat(run.text("status")).as(run.toString()).isEqualTo("failed");

    JsonNode failed = settled("rf-prod", 0, "failed");
    assertThat(failed.path("appliedRun").asLong()).isEqualTo(run.json().path("id").asLong());
    assertThat(failed.path("failure").asText()).startsWith("run ").contains("failed");
  }

  @Test
  void aRefusedPushIsA409WithTheHostsReasonAndNothingChanges() {
    repository("guarded");
    environments("guarded", "guarded-prod", "commit");
    api.syncSucceeded("guarded-staging", Map.of("reason", "release 1"));
    DAEMON.refusePushes("guarded.git", "GL-HOOK-ERR: branch main is protected");
    String before = main("guarded");

    Api.Reply refused = promote("guarded-prod", Map.of("reason", "ship")).expect(409);
    assertThat(refused.text("message")).contains("branch main is protected");
    assertThat(main("guarded")).isEqualTo(before);
    JsonNode audit = audited("guarded-prod");
    assertThat(audit).as("the attempt is on record").hasSize(1);
    assertThat(audit.get(0).path("reason").asText()).isEqualTo("ship");
    assertThat(audit.get(0).path("after").path("state").asText()).isEqualTo("failed");
    JsonNode failed = promotion("guarded-prod", 0);
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("failure").asText()).contains("branch main is protected");
    assertThat(failed.path("branch").asText()).isEqualTo("main");
  }

  @Test
  void environmentsOnTheirOwnBranchesPromoteFromOneBranchToTheOther() {
    Path bare = DAEMON.createBare("branches.git", "main");
    TestGitRepo work =
        SERVER.owned(TestGitRepo.pushingTo(bare, SERVER.dir.resolve("branches-work")));
    work.commit(Map.of("site/VERSION", "0\n", "site/local.conf", "prod only\n"), "prod");
    work.push();
    work.commitOn(
        "staging", Map.of("site/VERSION", "1\n", "site/local.conf", "staging only\n"), "Release 1");
    git(work.dir(), "push", "--quiet", bare.toUri().toString(), "staging:staging");
    api.createSource("branches", DAEMON.url("branches.git"));
    api.createEnvironment(env("br-staging", "branches", "site").with("ref", "staging"));
    api.createEnvironment(
        env("br-prod", "branches", "site")
            .with(
                "promotion",
                Map.of("from", "br-staging", "paths", List.of("VERSION"), "via", "commit")));
    api.syncSucceeded("br-staging", Map.of("reason", "release 1"));

    Api.Reply promoted = promote("br-prod", Map.of("reason", "ship")).expect(200);
    assertThat(promoted.text("branch")).isEqualTo("main");
    assertThat(show("branches", "main", "site/VERSION")).isEqualTo("1\n");
    assertThat(show("branches", "main", "site/local.conf")).isEqualTo("prod only\n");
    api.syncSucceeded("br-prod", Map.of("reason", "deploy"));
    assertThat(read(SERVER.targets().resolve("br-prod/VERSION"))).isEqualTo("1\n");
    assertThat(read(SERVER.targets().resolve("br-prod/local.conf"))).isEqualTo("prod only\n");
  }

  // ---- auto-promotion

  @Test
  void autoPromotionWaitsForTheHealthyWindowPromotesOncePerRevisionAndNeverWhileFromFails() {
    TestGitRepo work = repository("auto");
    api.createEnvironment(env("auto-staging", "auto", "envs/staging"));
    Api.Reply tooShort = api.post("/api/v1/environments", autoPromoted("0s").toMap()).expect(422);
    assertThat(tooShort.invalidField()).isEqualTo("promotion.auto.afterHealthy");
    Api.Reply created = api.createEnvironment(autoPromoted("10m")).expect(201);
    assertThat(
            api.get("/api/v1/environments/auto-prod")
                .json()
                .path("promotion")
                .path("auto")
                .path("afterHealthy")
                .asText())
        .isEqualTo("10m");
    api.syncSucceeded("auto-staging", Map.of("reason", "release 1"));
    String first = main("auto");

    autoPass();
    CLOCK.advance(Duration.ofMinutes(9));
    autoPass();
    assertThat(promotions("auto-prod")).as("healthy for 9 minutes only").isEmpty();

    CLOCK.advance(Duration.ofMinutes(2));
    autoPass();
    JsonNode promoted = promotion("auto-prod", 0);
    assertThat(promoted.path("revision").asText()).isEqualTo(first);
    assertThat(promoted.path("requestedBy").asText()).isEqualTo("driftless");
    assertThat(promoted.path("state").asText()).isEqualTo("merged");
    assertThat(show("auto", "main", "envs/prod/VERSION")).isEqualTo("1\n");
    assertThat(audited("auto-prod").get(0).path("actor").asText()).isEqualTo("driftless");

    CLOCK.advance(Duration.ofMinutes(30));
    autoPass();
    assertThat(promotions("auto-prod")).as("once per revision").hasSize(1);

    // A newer revision whose run fails: nothing while staging fails, whatever the time.
    git(work.dir(), "pull", "--quiet", "--rebase", DAEMON.url("auto.git"), "main");
    work.commit(Map.of("envs/staging/VERSION", "2\n"), "Release 2");
    work.push();
    healthCheck("auto-staging", "exit 1");
    Api.Reply failed = api.sync("auto-staging", Map.of("reason", "release 2"));
    assertThat(failed.text("status")).as(failed.toString()).isEqualTo("failed");
    CLOCK.advance(Duration.ofHours(1));
    autoPass();
    assertThat(promotions("auto-prod")).as("staging is failing").hasSize(1);

    // A fix, healthy: its own window starts from its run.
    healthCheck("auto-staging", "exit 0");
    work.commit(Map.of("envs/staging/VERSION", "3\n"), "Release 3");
    work.push();
    String third = main("auto");
    api.syncSucceeded("auto-staging", Map.of("reason", "release 3"));
    CLOCK.advance(Duration.ofMinutes(5));
    autoPass();
    assertThat(promotions("auto-prod")).hasSize(1);
    CLOCK.advance(Duration.ofMinutes(6));
    autoPass();
    assertThat(promotions("auto-prod")).hasSize(2);
    assertThat(promotion("auto-prod", 0).path("revision").asText()).isEqualTo(third);
    assertThat(show("auto", "main", "envs/prod/VERSION")).isEqualTo("3\n");
  }

  private static void autoPass() {
    ((DriftlessApplication) SERVER.app.getApplication()).context().autoPromotions().get();
  }

  private void healthCheck(String environment, String script) {
    Api.Reply changed =
        api.patch(
                "/api/v1/environments/" + environment,
                Map.of(
                    "target",
                    Map.of(
                        "type",
                        "directory",
                        "root",
                        SERVER.targets().resolve(environment).toString(),
                        "healthCheck",
                        Map.of("argv", List.of("sh", "-c", script)),
                        "healthTimeout",
                        "2s")))
            .expect(200);
  }

  // ---- what may be promoted

  @Test
  void onlyARevisionWithASucceededRunIsPromotable() {
    TestGitRepo work = repository("np");
    environments("np", "np-prod", "commit");
    Api.Reply nothing = promote("np-prod", Map.of("reason", "too early")).expect(422);
    assertThat(nothing.invalidField()).isEqualTo("revision");

    api.syncSucceeded("np-staging", Map.of("reason", "release 1"));
    String unapplied = work.commit(Map.of("envs/staging/VERSION", "2\n"), "Release 2").value();
    work.push();
    Api.Reply notApplied =
        promote("np-prod", Map.of("reason", "r", "revision", unapplied)).expect(422);
    assertThat(notApplied.invalidField()).isEqualTo("revision");
    assertThat(notApplied.text("message"))
        .contains("is not promotable")
        .contains("no succeeded run at it");

    // A run whose health check fails is a failed run: its revision is not promotable either.
    healthCheck("np-staging", "exit 1");
    Api.Reply unhealthy =
        api.sync("np-staging", Map.of("reason", "release 2", "revision", unapplied));
    assertThat(unhealthy.text("status")).as(unhealthy.toString()).isEqualTo("failed");
    Api.Reply refused =
        promote("np-prod", Map.of("reason", "r", "revision", unapplied)).expect(422);
    assertThat(refused.invalidField()).isEqualTo("revision");

    Api.Reply malformed = promote("np-prod", Map.of("reason", "r", "revision", "abc"));
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.invalidField()).isEqualTo("revision");
    assertThat(audited("np-prod")).isEmpty();
  }

  // ---- via: pull-request

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitlab", "gitea"})
  void aPullRequestPromotionOpensOnePullRequestAndANewerOneUpdatesIt(String type) {
    String pr = "pr-" + type;
    String prod = pr + "-prod";
    String branch = "driftless/promote/" + prod;
    TestGitRepo work = repository(pr);
    api.setHost(pr, type, HOST.url(), "acme/site", TOKENS.get(type));
    environments(pr, prod, "pull-request");
    api.syncSucceeded(pr + "-staging", Map.of("reason", "release 1"));
    String before = main(pr);

    Api.Reply first = promote(prod, Map.of("reason", "ship release 1")).expect(200);
    assertThat(first.text("outcome")).isEqualTo("pull-request");
    assertThat(first.text("branch")).isEqualTo(branch);
    assertThat(first.json().path("pullRequest").path("updated").asBoolean()).isFalse();
    long number = first.json().path("pullRequest").path("number").asLong();
    String staged = first.text("revision");
    assertThat(main(pr)).as("the environment's branch waits for the merge").isEqualTo(before);
    assertThat(git(DAEMON.path(pr + ".git"), "rev-parse", branch).trim())
        .isEqualTo(first.text("commit"));
    assertThat(show(pr, branch, "envs/prod/VERSION")).isEqualTo("1\n");
    JsonNode opened = promotion(prod, 0);
    assertThat(opened.path("state").asText()).isEqualTo("open");
    assertThat(opened.path("pullRequest").path("number").asLong()).isEqualTo(number);
    assertThat(opened.path("links").path("pullRequest").asText())
        .isEqualTo(first.json().path("pullRequest").path("url").asText());

    List<FakeGitHost.Pull> pulls = HOST.pulls(type, "acme/site");
    assertThat(pulls).hasSize(1);
    FakeGitHost.Pull pull = pulls.get(0);
    assertThat(pull.number()).isEqualTo(number);
    assertThat(pull.head()).isEqualTo(branch);
    assertThat(pull.base()).isEqualTo("main");
    assertThat(pull.title())
        .isEqualTo("Promote " + staged.substring(0, 8) + " to " + prod + ": Release 1");
    assertThat(pull.body())
        .contains("path `envs/prod`")
        .contains("- `VERSION`")
        .contains("- `release/app.yaml`")
        .contains("Deleted (1)")
        .contains("- `release/old.yaml`")
        .contains("ship release 1");

    // A newer healthy revision of staging: the same branch and pull request, updated.
    work.commit(Map.of("envs/staging/VERSION", "2\n"), "Release 2");
    work.push();
    api.syncSucceeded(pr + "-staging", Map.of("reason", "release 2"));
    Api.Reply second = promote(prod, Map.of("reason", "ship release 2")).expect(200);
    assertThat(second.json().path("pullRequest").path("number").asLong()).isEqualTo(number);
    assertThat(second.json().path("pullRequest").path("updated").asBoolean()).isTrue();
    assertThat(HOST.pulls(type, "acme/site")).hasSize(1);
    FakeGitHost.Pull updated = HOST.pull(type, "acme/site", number);
    assertThat(updated.title()).endsWith("to " + prod + ": Release 2");
    assertThat(updated.body()).contains("ship release 2");
    assertThat(show(pr, branch, "envs/prod/VERSION")).isEqualTo("2\n");
    assertThat(promotion(prod, 0).path("state").asText()).isEqualTo("open");
    assertThat(promotion(prod, 0).path("id").asLong())
        .isEqualTo(second.json().path("promotion").asLong());
    assertThat(promotion(prod, 1).path("state").asText()).isEqualTo("superseded");

    // A reviewer's own commit on the branch: the next promotion says diverged and pushes nothing.
    Path review = SERVER.dir.resolve(pr + "-review");
    git(
        SERVER.dir,
        "clone",
        "--quiet",
        "--branch",
        branch,
        DAEMON.url(pr + ".git"),
        review.toString());
    writeFile(review.resolve("envs/prod/values.yaml"), "reviewed\n");
    asReviewer(review, "commit", "--quiet", "-am", "review fix");
    git(review, "push", "--quiet", "origin", branch);
    String reviewed = git(review, "rev-parse", "HEAD").trim();
    work.commit(Map.of("envs/staging/VERSION", "3\n"), "Release 3");
    work.push();
    api.syncSucceeded(pr + "-staging", Map.of("reason", "release 3"));
    Api.Reply diverged = promote(prod, Map.of("reason", "ship release 3")).expect(409);
    assertThat(diverged.text("message")).startsWith("diverged");
    assertThat(diverged.json().path("details").path("outcome").asText()).isEqualTo("diverged");
    assertThat(git(DAEMON.path(pr + ".git"), "rev-parse", branch).trim()).isEqualTo(reviewed);
    assertThat(HOST.pull(type, "acme/site", number).title()).endsWith("Release 2");
    assertThat(promotion(prod, 0).path("state").asText()).isEqualTo("diverged");
    assertThat(promotion(prod, 0).path("failure").asText()).startsWith("diverged");
    assertThat(audited(prod).get(0).path("after").path("state").asText()).isEqualTo("diverged");
    assertThat(promotion(prod, 1).path("state").asText())
        .as("still the open one")
        .isEqualTo("open");

    // The reviewer squash-merges the pull request: one new commit on main, neither the promotion
    // commit nor a merge of it. The environment applies it and the promotion is applied.
    git(review, "fetch", "--quiet", "origin", "main");
    git(review, "checkout", "--quiet", "-B", "main", "origin/main");
    git(review, "merge", "--squash", "--quiet", branch);
    asReviewer(review, "commit", "--quiet", "-m", "Squashed promotion (#" + number + ")");
    git(review, "push", "--quiet", "origin", "main");
    String squashed = main(pr);
    assertThat(git(DAEMON.path(pr + ".git"), "rev-list", "--parents", "-n", "1", squashed).trim())
        .as("one commit with one parent, not the promotion commit")
        .hasSize(81)
        .doesNotContain(second.text("commit"));
    // A dry run sees the merge on the branch and applies nothing: merged, not applied yet.
    Api.Reply looked = api.sync(prod, Map.of("reason", "look", "dryRun", true));
    assertThat(looked.text("status")).as(looked.toString()).isEqualTo("no_op");
    assertThat(settled(prod, 1, "merged").path("id").asLong())
        .isEqualTo(second.json().path("promotion").asLong());
    long deployed = api.syncSucceeded(prod, Map.of("reason", "deploy the merge", "prune", true));
    Path target = SERVER.targets().resolve(prod);
    assertThat(read(target.resolve("VERSION"))).isEqualTo("2\n");
    assertThat(read(target.resolve("release/app.yaml"))).isEqualTo("app: 1\n");
    assertThat(target.resolve("release/old.yaml")).doesNotExist();
    JsonNode applied = settled(prod, 1, "applied");
    assertThat(applied.path("id").asLong()).isEqualTo(second.json().path("promotion").asLong());
    assertThat(applied.path("appliedRun").asLong()).isEqualTo(deployed);
    assertThat(promotion(prod, 0).path("state").asText()).isEqualTo("diverged");
  }

  @Test
  void aHostThatRefusesThePullRequestIsA409AndThePushedBranchIsAudited() {
    repository("down");
    api.setHost("down", "github", HOST.url(), "down/site", TOKENS.get("github"));
    environments("down", "down-prod", "pull-request");
    api.syncSucceeded("down-staging", Map.of("reason", "release 1"));
    HOST.failNext(100);
    try {
      Api.Reply refused = promote("down-prod", Map.of("reason", "ship")).expect(409);
      assertThat(refused.text("message")).contains("did not take its pull request");
      assertThat(refused.json().path("details").path("branch").asText())
          .isEqualTo("driftless/promote/down-prod");
    } finally {
      HOST.failNext(0);
    }
    assertThat(HOST.pulls("github", "down/site")).isEmpty();
    assertThat(git(DAEMON.path("down.git"), "rev-parse", "driftless/promote/down-prod").trim())
        .hasSize(40);
    JsonNode audit = audited("down-prod");
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("reason").asText()).isEqualTo("ship");
  }

  /** The promotions into {@code environment}, newest first. */
  private JsonNode promotions(String environment) {
    Api.Reply reply = api.get("/api/v1/promotions?environment=" + environment);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().path("items");
  }

  /** The {@code index}th newest promotion into {@code environment}. */
  private JsonNode promotion(String environment, int index) {
    JsonNode items = promotions(environment);
    assertThat(items.size()).as(items.toString()).isGreaterThan(index);
    return items.get(index);
  }

  /**
   * The {@code index}th newest promotion into {@code environment} once it is in {@code state}: the
   * run's observers settle it right after the run is recorded as finished.
   */
  private JsonNode settled(String environment, int index, String state) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode p = promotion(environment, index);
    while (!state.equals(p.path("state").asText()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      p = promotion(environment, index);
    }
    assertThat(p.path("state").asText()).as(p.toString()).isEqualTo(state);
    return p;
  }

  /** The environment.promote audit entries of {@code environment}, newest first. */
  private JsonNode audited(String environment) {
    return api.get("/api/v1/audit?action=environment.promote&environment=" + environment)
        .json()
        .path("items");
  }

  /** Git in {@code dir} as a reviewer, someone other than Driftless. */
  private static void asReviewer(Path dir, String... args) {
    List<String> all =
        new ArrayList<>(List.of("-c", "user.name=Rev", "-c", "user.email=rev@example.com"));
    all.addAll(List.of(args));
    git(dir, all.toArray(String[]::new));
  }

  private static void writeFile(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
