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
    return JSON.readTree(
        """
        {"action": "%s", "number": %d,
         "pull_request": {"number": %d, "head": {"ref": "feature", "sha": "%s"},
                          "base": {"ref": "main", "sha": "%s"}},
         "repository": {"clone_url": "https://git.example.invalid/acme/site.git"}}
        """
            .formatted(action, number, number, SHA, "0".repeat(40)));
  }

  private static JsonNode gitlab(String action) throws Exception {
    return JSON.readTree(
        """
        {"object_kind": "merge_request",
         "project": {"id": 42, "git_http_url": "https://git.example.invalid/acme/site.git"},
         "object_attributes": {"iid": 3, "action": "%s", "target_branch": "release",
                               "last_commit": {"id": "%s"}}}
        """
            .formatted(action, SHA));
  }

  @ParameterizedTest
  @CsvSource({"opened,true", "synchronize,true", "reopened,true", "closed,false", "edited,false"})
  void githubPreviewsOpenedMovedAndReopenedPullRequests(String action, boolean previewed)
      throws Exception {
    PushEvent event =
        WebhookProvider.GITHUB.read(
            headers("X-GitHub-Event", "pull_request"), githubShaped(action, 7));

    assertThat(event.push()).isFalse();
    assertThat(event.repositoryUrls()).contains("https://git.example.invalid/acme/site.git");
    if (previewed) {
      assertThat(event.pullRequest())
          .isEqualTo(new PullRequestEvent(7, "main", SHA, "refs/pull/7/head"));
    } else {
      assertThat(event.pullRequest()).isNull();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "pull_request,opened,true",
    "pull_request,synchronized,true",
    "pull_request_sync,synchronized,true",
    "pull_request,reopened,true",
    "pull_request,closed,false"
  })
  void giteaPreviewsOpenedSynchronizedAndReopenedPullRequests(
      String header, String action, boolean previewed) throws Exception {
    PushEvent event =
        WebhookProvider.GITEA.read(headers("X-Gitea-Event", header), githubShaped(action, 5));

    assertThat(event.pullRequest() != null).isEqualTo(previewed);
    if (previewed) {
      assertThat(event.pullRequest().headRef()).isEqualTo("refs/pull/5/head");
    }
  }

  @ParameterizedTest
  @CsvSource({"open,true", "update,true", "reopen,true", "close,false", "merge,false"})
  void gitlabPreviewsOpenedUpdatedAndReopenedMergeRequests(String action, boolean previewed)
      throws Exception {
    PushEvent event =
        WebhookProvider.GITLAB.read(
            headers("X-Gitlab-Event", "Merge Request Hook"), gitlab(action));

    if (previewed) {
      assertThat(event.pullRequest())
          .isEqualTo(new PullRequestEvent(3, "release", SHA, "refs/merge-requests/3/head"));
    } else {
      assertThat(event.pullRequest()).isNull();
      assertThat(event.push()).isFalse();
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
}
