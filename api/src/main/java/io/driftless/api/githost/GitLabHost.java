package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab (gitlab.com and self-managed), API v4: statuses at {@code POST
 * /projects/{id}/statuses/{sha}}, the merge request's notes at {@code
 * /projects/{id}/merge_requests/{iid}/notes}, one read with {@code GET} and edited with {@code PUT
 * .../notes/{note_id}}, the token's user at {@code GET /user}, and merge requests at {@code
 * /projects/{id}/merge_requests} (list by {@code source_branch}, {@code target_branch} and {@code
 * state}; create) and {@code .../merge_requests/{iid}} (read; edit with {@code PUT}). The project
 * is its numeric id or its URL-encoded path.
 */
final class GitLabHost extends RestHost {
  private static final int PAGE = 100;

  private final String project;

  GitLabHost(RestClient rest, String project, HostIdentities identities, String identityKey) {
    super(GitHostType.GITLAB, rest, identities, identityKey);
    this.project = "/api/v4/projects/" + encode(project);
  }

  @Override
  public void setStatus(String sha, CommitStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "state",
        switch (status.state()) {
          case PENDING -> "pending";
          case SUCCESS -> "success";
          case FAILURE -> "failed";
        });
    body.put("name", status.context());
    body.put("description", status.description());
    if (status.targetUrl() != null) {
      body.put("target_url", status.targetUrl());
    }
    rest.send("POST", project + "/statuses/" + sha, body);
  }

  @Override
  protected String userPath() {
    return "/api/v4/user";
  }

  @Override
  protected String commentsPath(long pr) {
    return project + "/merge_requests/" + pr + "/notes";
  }

  @Override
  protected String commentsPage(int page) {
    return "?sort=asc&per_page=" + PAGE + "&page=" + page;
  }

  @Override
  protected String commentPath(long pr, String id) {
    return commentsPath(pr) + "/" + id;
  }

  @Override
  protected HostUser author(JsonNode note) {
    return HostReplies.user(note.path("author"), null);
  }

  @Override
  protected boolean writable(JsonNode note) {
    return !note.path("system").asBoolean(false);
  }

  @Override
  protected String editVerb() {
    return "PUT";
  }

  @Override
  protected int pageSize() {
    return PAGE;
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(String head, String base) {
    return firstListed(
            page ->
                project
                    + "/merge_requests?state=opened&source_branch="
                    + encode(head)
                    + "&target_branch="
                    + encode(base)
                    + "&per_page="
                    + PAGE
                    + "&page="
                    + page,
            mr -> {
              String source = HostReplies.text(mr.path("source_project_id"));
              return head.equals(mr.path("source_branch").asText())
                  && base.equals(mr.path("target_branch").asText())
                  && source != null
                  && source.equals(HostReplies.text(mr.path("target_project_id")));
            })
        .map(this::readPullRequest);
  }

  @Override
  protected String pullRequestsPath() {
    return project + "/merge_requests";
  }

  @Override
  protected String descriptionField() {
    return "description";
  }

  @Override
  protected Map<String, String> newPullRequest(PullRequestDraft draft, String text) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("source_branch", draft.head());
    body.put("target_branch", draft.base());
    body.put("title", draft.title());
    body.put("description", text);
    return body;
  }

  /** 409: "Another open merge request already exists for this source branch". */
  @Override
  protected boolean alreadyOpen(int status) {
    return status == 409;
  }

  /**
   * GitLab's merge request: {@code state} is opened, closed, locked (a merge in progress) or
   * merged; the commit that landed is {@code merge_commit_sha}, else {@code squash_commit_sha},
   * else (a fast-forward merge) {@code sha}, the head.
   */
  @Override
  protected PullRequest readPullRequest(JsonNode mr) {
    PullRequest.State state =
        switch (mr.path("state").asText()) {
          case "merged" -> PullRequest.State.MERGED;
          case "closed" -> PullRequest.State.CLOSED;
          default -> PullRequest.State.OPEN;
        };
    String landed = HostReplies.text(mr.path("merge_commit_sha"));
    if (landed == null) {
      landed = HostReplies.text(mr.path("squash_commit_sha"));
    }
    if (landed == null) {
      landed = HostReplies.text(mr.path("sha"));
    }
    return new PullRequest(
        mr.path("iid").asLong(),
        state,
        mr.path("source_branch").asText(""),
        mr.path("target_branch").asText(""),
        mr.path("title").asText(""),
        mr.path("web_url").asText(""),
        landed,
        HostReplies.user(mr.path("author"), null));
  }
}
