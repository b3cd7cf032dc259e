package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub (github.com and Enterprise Server) and Gitea, which speaks GitHub's shapes under {@code
 * /api/v1}: statuses at {@code POST /repos/{o}/{r}/statuses/{sha}}, the pull request's comments at
 * {@code /repos/{o}/{r}/issues/{n}/comments}, one read and edited at {@code
 * /repos/{o}/{r}/issues/comments/{id}}, the token's user at {@code GET /user}, and pull requests at
 * {@code /repos/{o}/{r}/pulls} (list and create) and {@code /repos/{o}/{r}/pulls/{n}} (read and
 * edit). GitHub lists pull requests by {@code head=owner:branch} and {@code base}; Gitea has no
 * such filter, so its open pull requests are paged through.
 */
final class GitHubStyleHost extends RestHost {
  private final String repository;
  private final String root;
  private final String repo;
  private final int page;

  GitHubStyleHost(
      GitHostType type,
      RestClient rest,
      String repository,
      HostIdentities identities,
      String identityKey) {
    super(type, rest, identities, identityKey);
    this.repository = repository;
    this.root = type == GitHostType.GITEA ? "/api/v1" : "";
    this.repo = root + "/repos/" + repository;
    // Gitea answers at most 50 items a page unless its administrator raised MAX_RESPONSE_ITEMS.
    this.page = type == GitHostType.GITEA ? 50 : 100;
  }

  @Override
  public void setStatus(String sha, CommitStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", status.state().name().toLowerCase(Locale.ROOT));
    body.put("context", status.context());
    body.put("description", status.description());
    if (status.targetUrl() != null) {
      body.put("target_url", status.targetUrl());
    }
    rest.send("POST", repo + "/statuses/" + sha, body);
  }

  @Override
  protected String userPath() {
    return root + "/user";
  }

  @Override
  protected String commentsPath(long pr) {
    return repo + "/issues/" + pr + "/comments";
  }

  @Override
  protected String commentsPage(int p) {
    return "?per_page=" + page + "&limit=" + page + "&page=" + p;
  }

  @Override
  protected String commentPath(long pr, String id) {
    return repo + "/issues/comments/" + id;
  }

  @Override
  protected HostUser author(JsonNode comment) {
    return HostReplies.user(comment.path("user"), null);
  }

  @Override
  protected String editVerb() {
    return "PATCH";
  }

  @Override
  protected int pageSize() {
    return page;
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(String head, String base) {
    String owner = repository.substring(0, repository.indexOf('/'));
    return firstListed(
            p ->
                repo
                    + "/pulls"
                    + (type == GitHostType.GITHUB
                        ? "?state=open&head="
                            + encode(owner + ":" + head)
                            + "&base="
                            + encode(base)
                            + "&per_page="
                            + page
                            + "&page="
                            + p
                        : "?state=open&limit=" + page + "&page=" + p),
            pr ->
                head.equals(pr.path("head").path("ref").asText())
                    && base.equals(pr.path("base").path("ref").asText())
                    && repository.equalsIgnoreCase(
                        pr.path("head").path("repo").path("full_name").asText("")))
        .map(this::readPullRequest);
  }

  @Override
  protected String pullRequestsPath() {
    return repo + "/pulls";
  }

  @Override
  protected String descriptionField() {
    return "body";
  }

  @Override
  protected Map<String, String> newPullRequest(PullRequestDraft draft, String text) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("title", draft.title());
    body.put("body", text);
    body.put("head", draft.head());
    body.put("base", draft.base());
    return body;
  }

  /** GitHub answers 422 and Gitea 409 when one is already open for these branches. */
  @Override
  protected boolean alreadyOpen(int status) {
    return status == 422 || status == 409;
  }

  /**
   * GitHub's and Gitea's pull request: {@code state} is open or closed, and a merged one is closed
   * with {@code merged} true (GitHub's list gives only {@code merged_at}).
   */
  @Override
  protected PullRequest readPullRequest(JsonNode pr) {
    boolean merged =
        pr.path("merged").asBoolean(false) || HostReplies.text(pr.path("merged_at")) != null;
    PullRequest.State state =
        merged
            ? PullRequest.State.MERGED
            : "closed".equals(pr.path("state").asText())
                ? PullRequest.State.CLOSED
                : PullRequest.State.OPEN;
    return new PullRequest(
        pr.path("number").asLong(),
        state,
        pr.path("head").path("ref").asText(""),
        pr.path("base").path("ref").asText(""),
        pr.path("title").asText(""),
        pr.path("html_url").asText(""),
        merged ? HostReplies.text(pr.path("merge_commit_sha")) : null,
        HostReplies.user(pr.path("user"), null));
  }
}
