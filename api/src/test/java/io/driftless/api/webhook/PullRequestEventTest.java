package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which pull-request deliveries of each host are previewed, and what is read from them. */
class PullRequestEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "9f2c6f0d0e6f4d1f8c3a2b1e0d9c8b7a6f5e4d3c";

  private static Map<String, String> headers(String name, String value) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put(name, value);
    return h;
  }

  private static JsonNode githubShaped(String action, long number) throws Exception {
    return githubShaped(action, number, "{\"id\": 42, \"full_name\": \"acme/site\"}");
  }

  /** A GitHub-shaped pull request whose head lies in {@code headRepo} (JSON), base in acme/site. */
  private static JsonNode githubShaped(String action, long number, String headRepo)
      throws Exception {
    return JSON.readTree(
        """
        {"action": "%s", "number": %d,
         "pull_request": {"number": %d, "head": {"ref": "feature", "sha": "%s", "repo": %s},
                          "base": {"ref": "main", "sha": "%s",
                                   "repo": {"id": 42, "full_name": "acme/site"}}},
         "repository": {"clone_url": "https://git.example.invalid/acme/site.git"}}
        """
            .formatted(action, number, number, SHA, headRepo, "0".repeat(40)));
  }

  private static JsonNode gitlab(String action) throws Exception {
    return gitlab(action, 42);
  }

  private static JsonNode gitlab(String action, long sourceProject) throws Exception {
    return JSON.readTree(
        """
        {"object_kind": "merge_request",
         "project": {"id": 42, "git_http_url": "https://git.example.invalid/acme/site.git"},
         "object_attributes": {"iid": 3, "action": "%s", "target_branch": "release",
                               "source_project_id": %d, "target_project_id": 42,
                               "last_commit": {"id": "%s"}}}
        """
            .formatted(action, sourceProject, SHA));
  }

  @Test
  void aHeadFromAnotherRepositoryOrAnUnnamedOneIsUntrustedOnEveryHost() throws Exception {
    var github = headers("X-GitHub-Event", "pull_request");
    var gitea = headers("X-Gitea-Event", "pull_request");
    String fork = "{\"id\": 77, \"full_name\": \"mallory/site\"}";
    assertThat(
            WebhookProvider.GITHUB
                .read(github, githubShaped("opened", 7))
                .pullRequest()
                .untrusted())
        .isFalse();
    assertThat(
            WebhookProvider.GITHUB
                .read(github, githubShaped("opened", 7, fork))
                .pullRequest()
                .untrusted())
        .isTrue();
    assertThat(
            WebhookProvider.GITHUB
                .read(github, githubShaped("opened", 7, "null"))
                .pullRequest()
                .untrusted())
        .isTrue();
    assertThat(
            WebhookProvider.GITHUB
                .read(github, githubShaped("opened", 7, "{\"full_name\": \"acme/site\"}"))
                .pullRequest()
                .untrusted())
        .isFalse();
    assertThat(
            WebhookProvider.GITEA
                .read(gitea, githubShaped("opened", 7, fork))
                .pullRequest()
                .untrusted())
        .isTrue();
    var gitlab = headers("X-Gitlab-Event", "Merge Request Hook");
    assertThat(WebhookProvider.GITLAB.read(gitlab, gitlab("open")).pullRequest().untrusted())
        .isFalse();
    assertThat(WebhookProvider.GITLAB.read(gitlab, gitlab("open", 77)).pullRequest().untrusted())
        .isTrue();
  }

  /** What a host's event becomes: {@code preview}, {@code closed} or {@code none}. */
  private static String kind(PullRequestEvent event) {
    return event == null ? "none" : event.closed() ? "closed" : "preview";
  }

  @ParameterizedTest
  @CsvSource({
    "opened,preview",
    "synchronize,preview",
    "reopened,preview",
    "closed,closed",
    "edited,none"
  })
  void githubPreviewsOpenedMovedAndReopenedPullRequestsAndHearsTheClose(String action, String kind)
      throws Exception {
    PushEvent event =
        WebhookProvider.GITHUB.read(
            headers("X-GitHub-Event", "pull_request"), githubShaped(action, 7));

    assertThat(event.push()).isFalse();
    assertThat(event.repositoryUrls()).contains("https://git.example.invalid/acme/site.git");
    assertThat(kind(event.pullRequest())).isEqualTo(kind);
    if (kind.equals("preview")) {
      assertThat(event.pullRequest())
          .isEqualTo(new PullRequestEvent(7, "main", SHA, "refs/pull/7/head"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "pull_request,opened,preview",
    "pull_request,synchronized,preview",
    "pull_request_sync,synchronized,preview",
    "pull_request,reopened,preview",
    "pull_request,closed,closed",
    "pull_request,edited,none"
  })
  void giteaPreviewsOpenedSynchronizedAndReopenedPullRequestsAndHearsTheClose(
      String header, String action, String kind) throws Exception {
    PushEvent event =
        WebhookProvider.GITEA.read(headers("X-Gitea-Event", header), githubShaped(action, 5));

    assertThat(kind(event.pullRequest())).isEqualTo(kind);
    if (event.pullRequest() != null) {
      assertThat(event.pullRequest().headRef()).isEqualTo("refs/pull/5/head");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "open,preview",
    "update,preview",
    "reopen,preview",
    "close,closed",
    "merge,closed",
    "approved,none"
  })
  void gitlabPreviewsOpenedUpdatedAndReopenedMergeRequestsAndHearsTheClose(
      String action, String kind) throws Exception {
    PushEvent event =
        WebhookProvider.GITLAB.read(
            headers("X-Gitlab-Event", "Merge Request Hook"), gitlab(action));

    assertThat(event.push()).isFalse();
    assertThat(kind(event.pullRequest())).isEqualTo(kind);
    if (kind.equals("preview")) {
      assertThat(event.pullRequest())
          .isEqualTo(new PullRequestEvent(3, "release", SHA, "refs/merge-requests/3/head"));
    }
  }

  @Test
  void aPullRequestPayloadWithoutNumberOrHeadIsMalformed() throws Exception {
    JsonNode noHead =
        JSON.readTree(
            "{\"action\": \"opened\", \"number\": 1, \"pull_request\": {\"base\": {\"ref\":"
                + " \"main\"}}}");
    assertThatThrownBy(
            () -> WebhookProvider.GITHUB.read(headers("X-GitHub-Event", "pull_request"), noHead))
        .isInstanceOf(IllegalArgumentException.class);
    JsonNode noNumber = githubShaped("opened", 0);
    assertThatThrownBy(
            () -> WebhookProvider.GITHUB.read(headers("X-GitHub-Event", "pull_request"), noNumber))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theUpdateTimeIsReadFromEachHostsPayload() throws Exception {
    JsonNode github =
        JSON.readTree(
            """
            {"action": "synchronize", "number": 7,
             "pull_request": {"number": 7, "updated_at": "2026-11-01T10:02:03Z",
                              "head": {"ref": "f", "sha": "%s"}, "base": {"ref": "main"}},
             "repository": {"clone_url": "https://git.example.invalid/acme/site.git"}}
            """
                .formatted(SHA));
    JsonNode gitlab =
        JSON.readTree(
            """
            {"object_kind": "merge_request", "project": {"git_http_url": "https://x.invalid/a.git"},
             "object_attributes": {"iid": 3, "action": "update", "target_branch": "main",
                                   "updated_at": "2026-11-01 10:02:03 UTC",
                                   "last_commit": {"id": "%s"}}}
            """
                .formatted(SHA));

    java.time.Instant at = java.time.Instant.parse("2026-11-01T10:02:03Z");
    assertThat(
            WebhookProvider.GITHUB
                .read(headers("X-GitHub-Event", "pull_request"), github)
                .pullRequest()
                .updatedAt())
        .isEqualTo(at);
    assertThat(WebhookProvider.GITLAB.read(headers("X-Gitlab-Event", "x"), gitlab).pullRequest())
        .extracting(PullRequestEvent::updatedAt)
        .isEqualTo(at);
    assertThat(PullRequestEvent.time("2026-11-01T11:02:03+01:00")).isEqualTo(at);
    assertThat(PullRequestEvent.time("yesterday")).isNull();
    assertThat(PullRequestEvent.time(null)).isNull();
  }
}
