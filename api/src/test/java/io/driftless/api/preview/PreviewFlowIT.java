package io.driftless.api.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.FakeGitHost.Recorded;
import io.driftless.api.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pull-request previews end to end: real Git repositories, signed pull-request deliveries, and a
 * local server playing the GitHub, GitLab and Gitea REST APIs that records what Driftless sends.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreviewFlowIT {
  // Retention every second, closed previews kept 8 seconds: the retention test waits them out.
  @RegisterExtension
  static final TestServer SERVER =
      new TestServer(
          "test-config.yml",
          null,
          ConfigOverride.config("retention.interval", "1s"),
          ConfigOverride.config("retention.closedPreviewsFor", "8s"));

  static final String SECRET = "whsec-previews-3f9a";
  static final String GITHUB_TOKEN = "ghp_previewTokenNeverShown0123456789";
  static final String GITLAB_TOKEN = "glpat-previewTokenNeverShown-42";
  static final String GITEA_TOKEN = "gitea-previewTokenNeverShown-77";
  static final String WRONG_TOKEN = "ghp_wrongTokenAlsoNeverShown-99";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final FakeGitHost HOST = start();
  static final Map<String, PullRequests> REPOS = new HashMap<>();

  static FakeGitHost start() {
    try {
      return new FakeGitHost(
          Map.of("github", GITHUB_TOKEN, "gitlab", GITLAB_TOKEN, "gitea", GITEA_TOKEN));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    HOST.close();
    REPOS.values().forEach(PullRequests::close);
  }

  // ---- GitHub: two environments, three pushes, a PR touching none, a malformed file, a fork,
  // the size cut, and the final status after the merge.

  @Test
  @Order(1)
  void githubStatusesPerEnvironmentAndOneCommentEditedInPlaceAcrossThreePushes() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = repo("gh");
    repo.commit(
        "main",
        Map.of(
            "README.md", "site\n",
            "environments/staging/app.conf", "greeting=${GREETING}\nport=80\n",
            "environments/staging/old.txt", "old\n",
            "environments/prod/app.conf", "port=80\n"));
    register(api, "gh", repo, "github", HOST.url(), GITHUB_TOKEN);
    environment(api, "gh-staging", "gh", "environments/staging");
    environment(api, "gh-prod", "gh", "environments/prod");
    sync(api, "gh-staging");
    sync(api, "gh-prod");

    String head1 =
        repo.commit(
            "feature",
            Map.of(
                "environments/staging/app.conf", "greeting=${GREETING}\nport=8080\n",
                "environments/prod/new.txt", "new\n"));
    JsonNode first = preview(repo.github("opened", 7, "feature", head1, SECRET), "gh", 7, head1);
    assertThat(summaries(first))
        .containsEntry("gh-staging", "1 change: 1 update")
        .containsEntry("gh-prod", "1 change: 1 create");
    assertThat(
            environment(first, "gh-staging")
                .path("plan")
                .path("changes")
                .get(0)
                .path("diff")
                .asText())
        .contains("-port=80")
        .contains("+port=8080");
    // Each push waits for its comment: a head superseded before it reports leaves the comment to
    // the newer one, and this test counts one edit per push.
    awaitCommentAt(head1);

    String head2 = repo.commit("feature", mapOf("environments/staging/old.txt", null));
    preview(repo.github("synchronize", 7, "feature", head2, SECRET), "gh", 7, head2);
    awaitCommentAt(head2);
    String head3 =
        repo.commit(
            "feature", Map.of("environments/staging/extra.txt", "x\n", "docs/notes.md", "n\n"));
    JsonNode third =
        preview(repo.github("synchronize", 7, "feature", head3, SECRET), "gh", 7, head3);
    assertThat(summaries(third))
        .containsEntry("gh-staging", "3 changes: 1 create, 1 update, 1 delete")
        .containsEntry("gh-prod", "1 change: 1 create");

    for (String head : List.of(head1, head2, head3)) {
      awaitStatuses(head, 2);
    }
    assertThat(finalStatuses(head3))
        .containsEntry("driftless/gh-staging", "success: 3 changes: 1 create, 1 update, 1 delete")
        .containsEntry("driftless/gh-prod", "success: 1 change: 1 create");
    assertThat(HOST.statuses(head3))
        .allSatisfy(
            s ->
                assertThat(s.body().path("target_url").asText())
                    .isEqualTo("https://driftless.example.test/previews/gh/7"));

    awaitCommentAt(head3);
    List<FakeGitHost.Comment> comments = HOST.comments("github acme/site#7");
    assertThat(comments).hasSize(1);
    String body = comments.get(0).body();
    assertThat(body)
        .contains("<!-- driftless:preview source=gh -->")
        .contains(
            "| `gh-staging` | `environments/staging` | 3 changes: 1 create, 1 update, 1 delete |")
        .contains("<details><summary><code>gh-staging</code>")
        .contains("+port=8080")
        .contains("[Full preview](https://driftless.example.test/previews/gh/7)");
    long posts = count("POST", "/repos/acme/site/issues/7/comments");
    long patches = count("PATCH", "/repos/acme/site/issues/comments/" + comments.get(0).id());
    assertThat(posts).isEqualTo(1);
    assertThat(patches).isEqualTo(2);
    // Nothing was applied by the previews.
    assertThat(Files.readString(SERVER.targets().resolve("gh-staging/app.conf")))
        .isEqualTo("greeting=hello\nport=80\n");
  }

  @Test
  @Order(2)
  void aPullRequestTouchingNoEnvironmentGetsOneNeutralStatus() throws Exception {
    PullRequests repo = REPOS.get("gh");
    String head = repo.commit("docs", Map.of("README.md", "site, documented\n"));
    JsonNode preview = preview(repo.github("opened", 8, "docs", head, SECRET), "gh", 8, head);

    assertThat(preview.path("environments")).isEmpty();
    assertThat(preview.path("message").asText()).contains("changes no path of an environment");
    awaitStatuses(head, 1);
    assertThat(HOST.statuses(head)).hasSize(1);
    Recorded status = HOST.statuses(head).get(0);
    assertThat(status.context()).isEqualTo("driftless");
    assertThat(status.state()).isEqualTo("success");
    assertThat(status.body().path("description").asText())
        .contains("changes no path of an environment");
  }

  @Test
  @Order(3)
  void aMalformedFileFailsItsEnvironmentWithFileAndLine() throws Exception {
    PullRequests repo = REPOS.get("gh");
    String head =
        repo.commit(
            "broken",
            Map.of("environments/staging/app.conf", "greeting=${GREETING}\nport=${UNDEFINED}\n"));
    JsonNode preview = preview(repo.github("opened", 9, "broken", head, SECRET), "gh", 9, head);

    JsonNode staging = environment(preview, "gh-staging");
    assertThat(staging.path("environment").asText()).isEqualTo("gh-staging");
    assertThat(staging.path("result").asText()).isEqualTo("failed");
    assertThat(staging.path("error").path("code").asText()).isEqualTo("render.invalid");
    assertThat(staging.path("error").path("details").path("file").asText()).endsWith("app.conf");
    assertThat(staging.path("error").path("details").path("line").asText()).isEqualTo("2");
    awaitStatuses(head, 1);
    assertThat(finalStatuses(head)).containsOnlyKeys("driftless/gh-staging");
    assertThat(finalStatuses(head).get("driftless/gh-staging"))
        .startsWith("failure: ")
        .contains("app.conf:2")
        .contains("undefined variable 'UNDEFINED'");
  }

  @Test
  @Order(4)
  void aPullRequestFromAForkIsPreviewedFromItsPullRef() throws Exception {
    PullRequests repo = REPOS.get("gh");
    String head = repo.commit("fork-main", Map.of("environments/prod/app.conf", "port=443\n"));
    repo.onlyAs("fork-main", "refs/pull/10/head");

    JsonNode preview = preview(repo.github("opened", 10, "main", head, SECRET), "gh", 10, head);

    assertThat(summaries(preview)).containsOnly(Map.entry("gh-prod", "1 change: 1 update"));
    awaitStatuses(head, 1);
    assertThat(finalStatuses(head))
        .containsEntry("driftless/gh-prod", "success: 1 change: 1 update");
  }

  @Test
  @Order(5)
  void aCommentLargerThanTheHostTakesIsCutWithALinkToTheFullPreview() throws Exception {
    PullRequests repo = REPOS.get("gh");
    StringBuilder big = new StringBuilder();
    for (int i = 0; big.length() < 120_000; i++) {
      big.append("line ").append(i).append(" of a large generated file\n");
    }
    String head = repo.commit("large", Map.of("environments/staging/large.txt", big.toString()));
    JsonNode preview = preview(repo.github("opened", 11, "large", head, SECRET), "gh", 11, head);
    assertThat(summaries(preview)).containsEntry("gh-staging", "1 change: 1 create");
    assertThat(
            preview
                .path("environments")
                .get(0)
                .path("plan")
                .path("changes")
                .get(0)
                .path("diff")
                .asText()
                .length())
        .isGreaterThan(120_000);

    await(() -> !HOST.comments("github acme/site#11").isEmpty(), "the comment on #11");
    String body = HOST.comments("github acme/site#11").get(0).body();
    assertThat(body.length()).isLessThanOrEqualTo(65_536).isGreaterThan(60_000);
    assertThat(body)
        .contains("| `gh-staging` | `environments/staging` | 1 change: 1 create |")
        .contains("… (cut)")
        .contains("cut to fit the host's comment size limit")
        .endsWith("[Full preview](https://driftless.example.test/previews/gh/11)\n");
    assertThat(body.split("```", -1).length % 2).as("fences closed").isEqualTo(1);
  }

  @Test
  @Order(6)
  void afterTheMergeThePushIsAppliedAndTheMergeCommitGetsItsFinalStatus() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = REPOS.get("gh");
    String merge = repo.merge("feature");

    PullRequests.Delivery push = repo.githubPush("refs/heads/main", merge, SECRET);
    Api.Reply reply = deliver(push).expect(202);
    for (JsonNode run : reply.json().path("runs")) {
      Api.Reply done = TestServer.awaitRun(api, run.path("location").asText());
      assertThat(done.text("status")).as(done.toString()).isEqualTo("succeeded");
    }
    assertThat(Files.readString(SERVER.targets().resolve("gh-staging/app.conf")))
        .isEqualTo("greeting=hello\nport=8080\n");

    awaitStatuses(merge, 2);
    Map<String, String> statuses = finalStatuses(merge);
    String at = merge.substring(0, 12);
    assertThat(statuses)
        .as(HOST.statuses(merge).toString())
        .containsEntry(
            "driftless/gh-staging",
            "success: applied at revision " + at + ": 3 changes: 1 create, 1 update, 1 delete")
        .containsEntry(
            "driftless/gh-prod", "success: applied at revision " + at + ": 1 change: 1 create");
    assertThat(HOST.statuses(merge).get(0).body().path("target_url").asText())
        .startsWith("https://driftless.example.test/runs/");
  }

  // ---- GitLab and Gitea: their shapes, statuses and one comment edited in place.

  @Test
  @Order(7)
  void gitlabMergeRequestStatusesAndOneNoteUpdatedInPlace() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = hosted(api, "gl", "gitlab", GITLAB_TOKEN, "app", "<h1>one</h1>\n");

    String head1 = repo.commit("mr", Map.of("app/index.html", "<h1>two</h1>\n"));
    JsonNode first = preview(repo.gitlab("open", 3, "mr", head1, SECRET), "gl", 3, head1);
    assertThat(summaries(first)).containsEntry("gl-app", "1 change: 1 create");
    String head2 = repo.commit("mr", Map.of("app/about.html", "about\n"));
    preview(repo.gitlab("update", 3, "mr", head2, SECRET), "gl", 3, head2);

    awaitStatuses(head2, 1);
    Recorded status = finalStatus(head2);
    assertThat(status.path()).isEqualTo("/api/v4/projects/acme%2Fsite/statuses/" + head2);
    assertThat(status.body().path("name").asText()).isEqualTo("driftless/gl-app");
    assertThat(status.state()).isEqualTo("success");
    awaitCommentAt("gitlab acme/site!3", head2);
    assertThat(HOST.comments("gitlab acme/site!3")).hasSize(1);
    assertThat(count("POST", "/api/v4/projects/acme%2Fsite/merge_requests/3/notes")).isEqualTo(1);
    assertThat(countUnder("PUT", "/api/v4/projects/acme%2Fsite/merge_requests/3/notes/"))
        .isEqualTo(1);
  }

  @Test
  @Order(8)
  void giteaPullRequestStatusesAndOneCommentEditedInPlaceThroughAHostHiccup() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = hosted(api, "gt", "gitea", GITEA_TOKEN, "site", "<h1>one</h1>\n");

    HOST.failNext(1); // the first call meets a 502 and is tried again
    String head1 = repo.commit("pr", Map.of("site/index.html", "<h1>two</h1>\n"));
    preview(repo.gitea("opened", 5, "pr", head1, SECRET), "gt", 5, head1);
    awaitStatuses(head1, 1);
    String head2 = repo.commit("pr", Map.of("site/extra.html", "x\n"));
    preview(repo.gitea("synchronized", 5, "pr", head2, SECRET), "gt", 5, head2);
    awaitStatuses(head2, 1);

    Recorded status = finalStatus(head2);
    assertThat(status.path()).isEqualTo("/api/v1/repos/acme/site/statuses/" + head2);
    assertThat(status.context()).isEqualTo("driftless/gt-site");
    assertThat(status.body().path("description").asText()).isEqualTo("2 changes: 2 creates");
    awaitCommentAt("gitea acme/site#5", head2);
    assertThat(HOST.comments("gitea acme/site#5")).hasSize(1);
    assertThat(count("POST", "/api/v1/repos/acme/site/issues/5/comments")).isEqualTo(1);
  }

  // ---- Tokens: never in a log line, an error or an API response.

  @Test
  @Order(9)
  void noHostTokenAppearsInALogLineAnErrorOrAnApiResponse() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = hosted(api, "bad", "github", WRONG_TOKEN, "web", "one\n");
    String head = repo.commit("pr", Map.of("web/index.html", "two\n"));
    preview(repo.github("opened", 1, "pr", head, SECRET), "bad", 1, head);
    await(
        () -> {
          try {
            return Files.readString(SERVER.serverLog()).contains("source bad: cannot send");
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "the refused host call in the log");

    Api.Reply host = api.get("/api/v1/sources/gh/host");
    assertThat(host.status()).isEqualTo(200);
    assertThat(host.text("type")).isEqualTo("github");
    assertThat(host.text("repository")).isEqualTo("acme/site");
    assertThat(host.json().has("token")).isFalse();
    api.get("/api/v1/sources/gl/host");
    api.get("/api/v1/audit");
    api.get("/api/v1/previews?source=bad");
    Api.Reply refused =
        api.put("/api/v1/sources/gh/host", Map.of("type", "bitbucket", "token", GITHUB_TOKEN));
    assertThat(refused.status()).isEqualTo(422);

    String log = Files.readString(SERVER.serverLog());
    assertThat(log).contains("source bad: cannot send").contains("HTTP 401");
    String everything = log + Files.readString(SERVER.requestLog()) + String.join("\n", api.seen());
    for (String token : List.of(GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN, WRONG_TOKEN)) {
      assertThat(everything).doesNotContain(token);
    }
    // The host did receive the tokens: they went where they belong, and only there.
    assertThat(HOST.requests()).anyMatch(r -> ("Bearer " + GITHUB_TOKEN).equals(r.auth()));
    assertThat(HOST.requests()).anyMatch(r -> GITLAB_TOKEN.equals(r.auth()));
    assertThat(HOST.requests()).anyMatch(r -> ("token " + GITEA_TOKEN).equals(r.auth()));
  }

  // ---- Only the token's own comment is adopted (issue 17, item 4).

  @Test
  @Order(10)
  void aCommentWithTheMarkerWrittenByAnotherUserIsLeftAloneAndANewOneIsCreated() throws Exception {
    PullRequests repo = REPOS.get("gh");
    String planted =
        "<!-- driftless:preview source=gh -->\n### Driftless preview\n"
            + "Nothing changes, [merge it](https://evil.example.invalid) @everyone\n";
    FakeGitHost.Comment foreign =
        HOST.addComment("github acme/site#12", planted, FakeGitHost.STRANGER);
    String head =
        repo.commit(
            "planted", Map.of("environments/staging/app.conf", "greeting=${GREETING}\nport=12\n"));

    preview(repo.github("opened", 12, "planted", head, SECRET), "gh", 12, head);
    await(() -> HOST.comments("github acme/site#12").size() == 2, "Driftless's own comment");

    List<FakeGitHost.Comment> comments = HOST.comments("github acme/site#12");
    assertThat(comments.get(0)).isEqualTo(foreign);
    assertThat(comments.get(1).author()).isEqualTo(HOST.self("github"));
    assertThat(comments.get(1).body())
        .startsWith("<!-- driftless:preview source=gh -->")
        .contains(head.substring(0, 12))
        .contains("| `gh-staging` | `environments/staging` | 1 change: 1 update |");
    assertThat(count("PATCH", "/repos/acme/site/issues/comments/" + foreign.id())).isZero();
  }

  // ---- Replays (issue 17, item 3): a captured signed event cannot move a preview back.

  @Test
  @Order(11)
  void aReplayedOrOlderPullRequestEventChangesNothingButAForcePushToAnOlderCommitDoes()
      throws Exception {
    PullRequests repo = REPOS.get("gh");
    Instant t1 = Instant.parse("2026-11-01T10:00:00Z");
    String head1 = repo.commit("replay", Map.of("environments/staging/replay.txt", "one\n"));
    PullRequests.Delivery opened = repo.github("opened", 13, "replay", head1, SECRET, t1);
    preview(opened, "gh", 13, head1);
    String head2 = repo.commit("replay", Map.of("environments/staging/replay.txt", "two\n"));
    preview(
        repo.github("synchronize", 13, "replay", head2, SECRET, t1.plusSeconds(60)),
        "gh",
        13,
        head2);

    Api.Reply replay = deliver(opened.withNewDeliveryId()).expect(200);
    assertThat(replay.text("result")).isEqualTo("duplicate");
    Api.Reply late =
        deliver(repo.github("synchronize", 13, "replay", head1, SECRET, t1.plusSeconds(30)))
            .expect(200);
    assertThat(late.text("result")).isEqualTo("ignored");
    assertThat(late.text("message")).contains("a newer event of pull request #13");
    JsonNode stored = SERVER.admin().get("/api/v1/previews?source=gh&pr=13").json();
    assertThat(stored.path("items").get(0).path("head").asText()).isEqualTo(head2);

    // The author force-pushes the branch back to its first commit: a newer event, previewed.
    preview(
        repo.github("synchronize", 13, "replay", head1, SECRET, t1.plusSeconds(120)),
        "gh",
        13,
        head1);
  }

  @Test
  @Order(12)
  void aClosedPullRequestsPreviewIsKeptForClosedPreviewsForThenDeletedByRetention()
      throws Exception {
    PullRequests repo = REPOS.get("gh");
    Instant t = Instant.parse("2026-11-02T10:00:00Z");
    String head = repo.commit("closing", Map.of("environments/staging/closing.txt", "x\n"));
    PullRequests.Delivery opened = repo.github("opened", 14, "closing", head, SECRET, t);
    preview(opened, "gh", 14, head);

    Api.Reply closed =
        deliver(repo.github("closed", 14, "closing", head, SECRET, t.plusSeconds(60)));
    Instant closedAt = Instant.now();
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.text("result")).isEqualTo("closed");
    long passes = retentionPasses();
    await(() -> retentionPasses() > passes, "a retention pass");
    if (Duration.between(closedAt, Instant.now()).toSeconds() < 7) {
      assertThat(previewsOf(14)).as("kept while younger than closedPreviewsFor").hasSize(1);
    }

    await(() -> previewsOf(14).isEmpty(), "retention to delete the preview of #14");
    assertThat(Duration.between(closedAt, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    // Replaying the opening event brings nothing back.
    Api.Reply replay = deliver(opened.withNewDeliveryId());
    assertThat(replay.text("result")).as(replay.toString()).isEqualTo("duplicate");
    assertThat(previewsOf(14)).isEmpty();
  }

  static JsonNode previewsOf(long pr) {
    return SERVER.admin().get("/api/v1/previews?source=gh&pr=" + pr).json().path("items");
  }

  static long retentionPasses() {
    try {
      return Files.readAllLines(SERVER.serverLog()).stream()
          .filter(l -> l.contains("retention pass: RetentionReport["))
          .count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  // ---- helpers

  /**
   * A repository with {@code path/index.html} on main, registered as source {@code name} with the
   * fake host's API of {@code type}, and its environment {@code name-path}.
   */
  static PullRequests hosted(
      Api api, String name, String type, String token, String path, String index) {
    PullRequests repo = repo(name);
    repo.commit("main", Map.of(path + "/index.html", index));
    register(api, name, repo, type, HOST.url(), token);
    environment(api, name + "-" + path, name, path);
    return repo;
  }

  static PullRequests repo(String name) {
    PullRequests repo = new PullRequests(SERVER.dir.resolve("repo-" + name));
    REPOS.put(name, repo);
    return repo;
  }

  static void register(
      Api api, String name, PullRequests repo, String type, String url, String token) {
    api.post("/api/v1/sources", Map.of("name", name, "url", repo.url(), "webhookSecret", SECRET))
        .expect(201);
    api.setHost(name, type, url, "acme/site", token);
  }

  static void environment(Api api, String name, String source, String path) {
    api.createEnvironment(
        EnvironmentBody.directory(name, source, path, SERVER.targets().resolve(name))
            .sync(Map.of("auto", true, "prune", true, "interval", "1h"))
            .with(
                "variables",
                Map.of("values", Map.of("GREETING", "hello"), "files", List.of("*.conf"))));
  }

  static void sync(Api api, String environment) {
    api.syncSucceeded(environment, Map.of());
  }

  /** Delivers a pull-request event and waits for its preview at {@code head}. */
  static JsonNode preview(PullRequests.Delivery delivery, String source, long pr, String head)
      throws Exception {
    return preview(SERVER, delivery, source, pr, head);
  }

  /** The same on another server. */
  static JsonNode preview(
      TestServer server, PullRequests.Delivery delivery, String source, long pr, String head)
      throws Exception {
    Api.Reply reply = deliver(server, delivery).expect(202);
    assertThat(reply.text("result")).isEqualTo("preview");
    return awaitPreview(server.admin(), source, pr, head);
  }

  /** Waits for the preview of {@code source}'s pull request {@code pr} at {@code head}, done. */
  static JsonNode awaitPreview(Api api, String source, long pr, String head) {
    JsonNode[] found = new JsonNode[1];
    await(
        () -> {
          JsonNode items =
              api.get("/api/v1/previews?source=" + source + "&pr=" + pr).json().path("items");
          if (items.size() == 1
              && items.get(0).path("head").asText().equals(head)
              && items.get(0).path("state").asText().equals("done")) {
            found[0] = items.get(0);
            return true;
          }
          return false;
        },
        "the preview of " + source + " #" + pr + " at " + head);
    return found[0];
  }

  static Api.Reply deliver(PullRequests.Delivery delivery) throws Exception {
    return deliver(SERVER, delivery);
  }

  static Api.Reply deliver(TestServer server, PullRequests.Delivery delivery) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + server.app.getLocalPort()
                        + "/api/v1/webhooks/"
                        + delivery.provider()))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
            .header("Content-Type", "application/json");
    delivery.headers().forEach(request::header);
    var response = Api.exchange(HTTP, request.build());
    return new Api.Reply(
        response.statusCode(), PullRequests.JSON.readTree(response.body()), response.body(), null);
  }

  static JsonNode environment(JsonNode preview, String name) {
    for (JsonNode e : preview.path("environments")) {
      if (e.path("environment").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no preview of " + name + " in " + preview);
  }

  static Map<String, String> summaries(JsonNode preview) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode e : preview.path("environments")) {
      out.put(e.path("environment").asText(), e.path("summary").asText());
    }
    return out;
  }

  /** The newest non-pending status per context on {@code sha}: "state: description". */
  static Map<String, String> finalStatuses(String sha) {
    Map<String, String> out = new HashMap<>();
    for (Recorded s : HOST.statuses(sha)) {
      if (!s.state().equals("pending")) {
        out.put(s.context(), s.state() + ": " + s.body().path("description").asText());
      }
    }
    return out;
  }

  /** The first status on {@code sha} that is not pending. */
  static Recorded finalStatus(String sha) {
    return HOST.statuses(sha).stream()
        .filter(s -> !s.state().equals("pending"))
        .findFirst()
        .orElseThrow();
  }

  static void awaitCommentAt(String head) {
    awaitCommentAt("github acme/site#7", head);
  }

  /** Waits until the pull request's thread has a comment that names {@code head}. */
  static void awaitCommentAt(String thread, String head) {
    await(
        () ->
            HOST.comments(thread).stream().anyMatch(c -> c.body().contains(head.substring(0, 12))),
        "comment on " + thread + " at " + head);
  }

  static void awaitStatuses(String sha, int contexts) {
    await(() -> finalStatuses(sha).size() >= contexts, contexts + " final statuses on " + sha);
  }

  static long count(String method, String path) {
    return HOST.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .count();
  }

  static long countUnder(String method, String pathPrefix) {
    return HOST.requests().stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .count();
  }

  static Map<String, String> mapOf(String key, String value) {
    Map<String, String> map = new HashMap<>();
    map.put(key, value);
    return map;
  }

  static void await(Supplier<Boolean> condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; host saw " + HOST.requests());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
