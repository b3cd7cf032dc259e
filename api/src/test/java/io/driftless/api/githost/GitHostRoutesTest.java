package io.driftless.api.githost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.FakeGitHost.Comment;
import io.driftless.api.testing.FakeGitHost.Pull;
import io.driftless.api.testing.FakeGitHost.Recorded;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.query.HostApi;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clients of GitHub, Gitea and GitLab against the host stand-in: who the token is, pull
 * requests found, opened, edited and read until merged or closed, and comments adopted only when
 * the token's own user wrote them.
 */
class GitHostRoutesTest {
  private static final String REPO = "acme/site";
  private static final String PROMOTE = "driftless/promote/prod";
  private static final String MARKER = "<!-- driftless:preview source=site -->";
  private static final Map<String, String> TOKENS =
      Map.of(
          "github", "ghp_routesTokenNeverInAnError",
          "gitlab", "glpat-routesTokenNeverInAnError",
          "gitea", "gitea-routesTokenNeverInAnError");

  private FakeGitHost fake;
  private PrometheusRegistry registry;
  private GitHosts hosts;

  @BeforeEach
  void start() throws IOException {
    fake = new FakeGitHost(TOKENS);
    registry = new PrometheusRegistry();
    hosts = new GitHosts(3, Duration.ofMillis(1), registry);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private GitHost host(String type) {
    return host(type, TOKENS.get(type));
  }

  private GitHost host(String type, String token) {
    return hosts.open(new HostApi(type, fake.url(), REPO, Secret.of(token)));
  }

  private static String thread(String type, long number) {
    return type + " " + REPO + (type.equals("gitlab") ? "!" : "#") + number;
  }

  private static String userPath(String type) {
    return switch (type) {
      case "gitea" -> "/api/v1/user";
      case "gitlab" -> "/api/v4/user";
      default -> "/user";
    };
  }

  // ---- who the token is

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void theTokensUserIsAskedOnceAndRemembered(String type) {
    HostUser first = host(type).self();
    HostUser again = host(type).self();

    assertThat(first).isEqualTo(new HostUser("4242", "driftless-bot")).isEqualTo(again);
    assertThat(fake.count("GET", userPath(type))).isEqualTo(1);
    assertThat(fake.requests()).allSatisfy(r -> assertThat(r.auth()).contains(TOKENS.get(type)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void anotherTokenIsAskedAgainAndARefusedOneIsATypedErrorWithoutTheToken(String type) {
    host(type).self();
    String wrong = "wrong-token-" + type + "-never-shown";

    assertThatThrownBy(() -> host(type, wrong).self())
        .isInstanceOf(GitHostException.class)
        .hasMessage(type + " GET " + userPath(type) + ": HTTP 401")
        .satisfies(e -> assertThat(((GitHostException) e).status()).isEqualTo(401))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    assertThat(fake.count("GET", userPath(type))).isEqualTo(2);
    assertThat(count(type, "refused")).isEqualTo(1);
  }

  // ---- pull requests

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aPullRequestIsOpenedFoundEditedAndReadUntilMerged(String type) {
    GitHost host = host(type);
    assertThat(host.findOpenPullRequest(PROMOTE, "main")).isEmpty();

    PullRequest opened =
        host.createPullRequest(
            new PullRequestDraft("Promote staging to prod", "Files:\n- VERSION", PROMOTE, "main"));

    assertThat(opened.state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(opened.head()).isEqualTo(PROMOTE);
    assertThat(opened.base()).isEqualTo("main");
    assertThat(opened.title()).isEqualTo("Promote staging to prod");
    assertThat(opened.url()).endsWith("/" + opened.number());
    assertThat(opened.mergeCommit()).isNull();
    assertThat(opened.author()).isEqualTo(host.self());
    Pull stored = fake.pull(type, REPO, opened.number());
    assertThat(stored.head()).isEqualTo(PROMOTE);
    assertThat(stored.headRepo()).isEqualTo(REPO);
    assertThat(stored.base()).isEqualTo("main");
    assertThat(stored.body()).isEqualTo("Files:\n- VERSION");
    Recorded create =
        fake.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
    if (type.equals("gitlab")) {
      assertThat(create.path()).isEqualTo("/api/v4/projects/acme%2Fsite/merge_requests");
      assertThat(create.body().path("source_branch").asText()).isEqualTo(PROMOTE);
      assertThat(create.body().path("target_branch").asText()).isEqualTo("main");
      assertThat(create.body().path("description").asText()).isEqualTo("Files:\n- VERSION");
    } else {
      assertThat(create.path())
          .isEqualTo((type.equals("gitea") ? "/api/v1" : "") + "/repos/acme/site/pulls");
      assertThat(create.body().path("head").asText()).isEqualTo(PROMOTE);
      assertThat(create.body().path("base").asText()).isEqualTo("main");
      assertThat(create.body().path("body").asText()).isEqualTo("Files:\n- VERSION");
    }

    assertThat(host.findOpenPullRequest(PROMOTE, "main")).contains(opened);

    PullRequest edited = host.editPullRequest(opened.number(), "Promote b2 to prod", "Files: two");
    assertThat(edited.title()).isEqualTo("Promote b2 to prod");
    assertThat(fake.pull(type, REPO, opened.number()).body()).isEqualTo("Files: two");
    assertThat(host.pullRequest(opened.number()).state()).isEqualTo(PullRequest.State.OPEN);
    assertThat(host.pullRequest(opened.number()).mergeCommit())
        .as("GitHub's test merge of an open pull request is no merge")
        .isNull();

    String squashed = "5a" + "b".repeat(38);
    fake.merge(type, REPO, opened.number(), squashed);
    PullRequest merged = host.pullRequest(opened.number());
    assertThat(merged.state()).isEqualTo(PullRequest.State.MERGED);
    assertThat(merged.mergeCommit()).isEqualTo(squashed);
    assertThat(host.findOpenPullRequest(PROMOTE, "main")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void openingTwiceGivesTheOneAlreadyOpenAndAClosedOneIsNotOpen(String type) {
    GitHost host = host(type);
    PullRequestDraft draft = new PullRequestDraft("Promote", "body", PROMOTE, "main");
    PullRequest first = host.createPullRequest(draft);

    PullRequest second = host.createPullRequest(draft);

    assertThat(second.number()).isEqualTo(first.number());
    assertThat(fake.pulls(type, REPO)).hasSize(1);
    assertThat(fake.count("POST", create(type))).isEqualTo(2);

    fake.close(type, REPO, first.number());
    assertThat(host.pullRequest(first.number()).state()).isEqualTo(PullRequest.State.CLOSED);
    assertThat(host.pullRequest(first.number()).mergeCommit()).isNull();
    assertThat(host.findOpenPullRequest(PROMOTE, "main")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aForksBranchOfTheSameNameOrAnotherBaseIsNotIt(String type) {
    fake.openPull(
        type,
        REPO,
        PROMOTE,
        "mallory/site",
        "main",
        "Looks like Driftless's",
        FakeGitHost.STRANGER);
    fake.openPull(type, REPO, PROMOTE, REPO, "release/1.x", "Other base", FakeGitHost.BOT);

    assertThat(host(type).findOpenPullRequest(PROMOTE, "main")).isEmpty();
    PullRequest other = host(type).findOpenPullRequest(PROMOTE, "release/1.x").orElseThrow();
    assertThat(other.title()).isEqualTo("Other base");
    assertThat(other.base()).isEqualTo("release/1.x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void theOpenPullRequestIsFoundBehindManyOthers(String type) {
    PullRequest ours =
        host(type).createPullRequest(new PullRequestDraft("Promote", "", PROMOTE, "main"));
    for (int i = 0; i < 120; i++) {
      fake.openPull(type, REPO, "feature-" + i, REPO, "main", "Feature " + i, FakeGitHost.STRANGER);
    }

    assertThat(host(type).findOpenPullRequest(PROMOTE, "main")).contains(ours);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aHostInTroubleIsTriedAgainAndAMissingPullRequestIsATypedError(String type) {
    fake.failNext(2);
    PullRequest opened =
        host(type).createPullRequest(new PullRequestDraft("Promote", "", PROMOTE, "main"));
    assertThat(fake.pulls(type, REPO)).hasSize(1);
    assertThat(fake.count("POST", create(type))).isEqualTo(3);
    assertThat(count(type, "failed")).isEqualTo(2);

    assertThatThrownBy(() -> host(type).pullRequest(opened.number() + 1000))
        .isInstanceOf(GitHostException.class)
        .hasMessage(type + " GET " + create(type) + "/" + (opened.number() + 1000) + ": HTTP 404")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKENS.get(type)));
    // Every call is counted: the user lookup is not needed here, the create (3 tries) and the read.
    assertThat(count(type, "ok")).isEqualTo(1);
    assertThat(count(type, "refused")).isEqualTo(1);
  }

  // ---- comments: only the token's own are adopted

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aCommentWithTheMarkerByAnotherUserIsLeftAloneAndANewOneCreated(String type) {
    Comment planted =
        fake.addComment(
            thread(type, 7),
            MARKER + "\nfollow [this](https://evil.example)",
            FakeGitHost.STRANGER);

    String id = host(type).upsertComment(7, null, MARKER, MARKER + "\nfirst");
    String again = host(type).upsertComment(7, null, MARKER, MARKER + "\nsecond");

    assertThat(id).isNotEqualTo(String.valueOf(planted.id()));
    assertThat(again).as("our own comment is adopted by its marker").isEqualTo(id);
    assertThat(fake.comments(thread(type, 7)))
        .extracting(Comment::body, c -> c.author().login())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(planted.body(), "mallory"),
            org.assertj.core.groups.Tuple.tuple(MARKER + "\nsecond", "driftless-bot"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aStoredIdOfSomeoneElsesCommentIsNotEdited(String type) {
    Comment planted = fake.addComment(thread(type, 8), "a reviewer's words", FakeGitHost.STRANGER);

    String id =
        host(type).upsertComment(8, String.valueOf(planted.id()), MARKER, MARKER + "\nours");

    assertThat(id).isNotEqualTo(String.valueOf(planted.id()));
    assertThat(fake.comments(thread(type, 8)))
        .extracting(Comment::body)
        .containsExactly("a reviewer's words", MARKER + "\nours");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitea", "gitlab"})
  void aTokenThatMayNotReadItsUserAdoptsNothingByMarkerButEditsItsStoredComment(String type) {
    fake.hideSelf(type);
    fake.addComment(thread(type, 9), MARKER + "\nplanted", FakeGitHost.STRANGER);

    String id = host(type).upsertComment(9, null, MARKER, MARKER + "\none");
    String again = host(type).upsertComment(9, id, MARKER, MARKER + "\ntwo");

    assertThat(again).isEqualTo(id);
    assertThat(fake.comments(thread(type, 9)))
        .extracting(Comment::body)
        .containsExactly(MARKER + "\nplanted", MARKER + "\ntwo");
  }

  private static String create(String type) {
    return switch (type) {
      case "gitea" -> "/api/v1/repos/acme/site/pulls";
      case "gitlab" -> "/api/v4/projects/acme%2Fsite/merge_requests";
      default -> "/repos/acme/site/pulls";
    };
  }

  private double count(String host, String result) {
    return registry.scrape().stream()
        .filter(m -> m.getMetadata().getPrometheusName().equals("driftless_git_host_requests"))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(
            d ->
                host.equals(d.getLabels().get("host"))
                    && result.equals(d.getLabels().get("result")))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }
}
