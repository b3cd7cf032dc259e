package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
final class GitHubStyleHost implements GitHost {
  private static final int MAX_PAGES = 20;

  private final GitHostType type;
  private final RestClient rest;
  private final String repository;
  private final String root;
  private final String repo;
  private final int page;
  private final HostIdentities identities;
  private final String identityKey;

  GitHubStyleHost(
      GitHostType type,
      RestClient rest,
      String repository,
      HostIdentities identities,
      String identityKey) {
    this.type = type;
    this.rest = rest;
    this.repository = repository;
    this.root = type == GitHostType.GITEA ? "/api/v1" : "";
    this.repo = root + "/repos/" + repository;
    // Gitea answers at most 50 items a page unless its administrator raised MAX_RESPONSE_ITEMS.
    this.page = type == GitHostType.GITEA ? 50 : 100;
    this.identities = identities;
    this.identityKey = identityKey;
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
  public HostUser self() {
    return identities.get(
        identityKey, () -> HostReplies.user(rest.send("GET", root + "/user", null).body()));
  }

  @Override
  public String upsertComment(long pr, String knownId, String marker, String body) {
    Map<String, String> text = Map.of("body", body);
    HostUser me = HostReplies.selfIfTold(this);
    if (knownId != null && knownId.matches("\\d{1,19}") && (me == null || writtenBy(knownId, me))) {
      try {
        rest.send("PATCH", repo + "/issues/comments/" + knownId, text);
        return knownId;
      } catch (GitHostException e) {
        if (e.status() != 404) {
          throw e;
        }
        // Deleted by someone: look for another one of ours, else write a new one.
      }
    }
    String found = me == null ? null : findByMarker(pr, marker, me);
    if (found != null) {
      rest.send("PATCH", repo + "/issues/comments/" + found, text);
      return found;
    }
    JsonNode created = rest.send("POST", repo + "/issues/" + pr + "/comments", text).body();
    return created.path("id").asText();
  }

  /** Whether comment {@code id} still exists and {@code me} wrote it. */
  private boolean writtenBy(String id, HostUser me) {
    try {
      JsonNode comment = rest.send("GET", repo + "/issues/comments/" + id, null).body();
      return me.is(HostReplies.user(comment.path("user"), null));
    } catch (GitHostException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private String findByMarker(long pr, String marker, HostUser me) {
    for (int p = 1; p <= MAX_PAGES; p++) {
      JsonNode comments =
          rest.send(
                  "GET",
                  repo
                      + "/issues/"
                      + pr
                      + "/comments?per_page="
                      + page
                      + "&limit="
                      + page
                      + "&page="
                      + p,
                  null)
              .body();
      for (JsonNode comment : comments) {
        if (comment.path("body").asText("").contains(marker)
            && me.is(HostReplies.user(comment.path("user"), null))) {
          return comment.path("id").asText();
        }
      }
      if (comments.size() < page) {
        return null;
      }
    }
    return null;
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(String head, String base) {
    String owner = repository.substring(0, repository.indexOf('/'));
    for (int p = 1; p <= MAX_PAGES; p++) {
      String query =
          type == GitHostType.GITHUB
              ? "?state=open&head="
                  + encode(owner + ":" + head)
                  + "&base="
                  + encode(base)
                  + "&per_page="
                  + page
                  + "&page="
                  + p
              : "?state=open&limit=" + page + "&page=" + p;
      JsonNode list = rest.send("GET", repo + "/pulls" + query, null).body();
      for (JsonNode pr : list) {
        if (head.equals(pr.path("head").path("ref").asText())
            && base.equals(pr.path("base").path("ref").asText())
            && repository.equalsIgnoreCase(
                pr.path("head").path("repo").path("full_name").asText(""))) {
          return Optional.of(pullRequest(pr));
        }
      }
      if (list.size() < page) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public PullRequest createPullRequest(PullRequestDraft draft) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("title", draft.title());
    body.put("body", HostReplies.cut(draft.body(), maxCommentLength()));
    body.put("head", draft.head());
    body.put("base", draft.base());
    try {
      return pullRequest(rest.send("POST", repo + "/pulls", body).body());
    } catch (GitHostException e) {
      // GitHub answers 422 and Gitea 409 when one is already open for these branches.
      if (e.status() == 422 || e.status() == 409) {
        return findOpenPullRequest(draft.head(), draft.base()).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  @Override
  public PullRequest editPullRequest(long number, String title, String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", PullRequestDraft.oneLine(title));
    fields.put("body", HostReplies.cut(body == null ? "" : body, maxCommentLength()));
    return pullRequest(rest.send("PATCH", repo + "/pulls/" + number, fields).body());
  }

  @Override
  public PullRequest pullRequest(long number) {
    return pullRequest(rest.send("GET", repo + "/pulls/" + number, null).body());
  }

  /**
   * GitHub's and Gitea's pull request: {@code state} is open or closed, and a merged one is closed
   * with {@code merged} true (GitHub's list gives only {@code merged_at}).
   */
  private static PullRequest pullRequest(JsonNode pr) {
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

  @Override
  public int maxCommentLength() {
    return type.maxCommentLength();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
