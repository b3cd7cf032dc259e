package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
final class GitLabHost implements GitHost {
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  private final RestClient rest;
  private final String project;
  private final HostIdentities identities;
  private final String identityKey;

  GitLabHost(RestClient rest, String project, HostIdentities identities, String identityKey) {
    this.rest = rest;
    this.project = "/api/v4/projects/" + encode(project);
    this.identities = identities;
    this.identityKey = identityKey;
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
  public HostUser self() {
    return identities.get(
        identityKey, () -> HostReplies.user(rest.send("GET", "/api/v4/user", null).body()));
  }

  @Override
  public String upsertComment(long pr, String knownId, String marker, String body) {
    String notes = project + "/merge_requests/" + pr + "/notes";
    Map<String, String> text = Map.of("body", body);
    HostUser me = HostReplies.selfIfTold(this);
    if (knownId != null
        && knownId.matches("\\d{1,19}")
        && (me == null || writtenBy(notes + "/" + knownId, me))) {
      try {
        rest.send("PUT", notes + "/" + knownId, text);
        return knownId;
      } catch (GitHostException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    String found = me == null ? null : findByMarker(notes, marker, me);
    if (found != null) {
      rest.send("PUT", notes + "/" + found, text);
      return found;
    }
    return rest.send("POST", notes, text).body().path("id").asText();
  }

  private boolean writtenBy(String note, HostUser me) {
    try {
      return me.is(HostReplies.user(rest.send("GET", note, null).body().path("author"), null));
    } catch (GitHostException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private String findByMarker(String notes, String marker, HostUser me) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode list =
          rest.send("GET", notes + "?sort=asc&per_page=" + PAGE + "&page=" + page, null).body();
      for (JsonNode note : list) {
        if (!note.path("system").asBoolean(false)
            && note.path("body").asText("").contains(marker)
            && me.is(HostReplies.user(note.path("author"), null))) {
          return note.path("id").asText();
        }
      }
      if (list.size() < PAGE) {
        return null;
      }
    }
    return null;
  }

  @Override
  public Optional<PullRequest> findOpenPullRequest(String head, String base) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode list =
          rest.send(
                  "GET",
                  project
                      + "/merge_requests?state=opened&source_branch="
                      + encode(head)
                      + "&target_branch="
                      + encode(base)
                      + "&per_page="
                      + PAGE
                      + "&page="
                      + page,
                  null)
              .body();
      for (JsonNode mr : list) {
        String source = HostReplies.text(mr.path("source_project_id"));
        if (head.equals(mr.path("source_branch").asText())
            && base.equals(mr.path("target_branch").asText())
            && source != null
            && source.equals(HostReplies.text(mr.path("target_project_id")))) {
          return Optional.of(mergeRequest(mr));
        }
      }
      if (list.size() < PAGE) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public PullRequest createPullRequest(PullRequestDraft draft) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("source_branch", draft.head());
    body.put("target_branch", draft.base());
    body.put("title", draft.title());
    body.put("description", HostReplies.cut(draft.body(), maxCommentLength()));
    try {
      return mergeRequest(rest.send("POST", project + "/merge_requests", body).body());
    } catch (GitHostException e) {
      // 409: "Another open merge request already exists for this source branch".
      if (e.status() == 409) {
        return findOpenPullRequest(draft.head(), draft.base()).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  @Override
  public PullRequest editPullRequest(long number, String title, String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", PullRequestDraft.oneLine(title));
    fields.put("description", HostReplies.cut(body == null ? "" : body, maxCommentLength()));
    return mergeRequest(rest.send("PUT", project + "/merge_requests/" + number, fields).body());
  }

  @Override
  public PullRequest pullRequest(long number) {
    return mergeRequest(rest.send("GET", project + "/merge_requests/" + number, null).body());
  }

  /**
   * GitLab's merge request: {@code state} is opened, closed, locked (a merge in progress) or
   * merged; the commit that landed is {@code merge_commit_sha}, else {@code squash_commit_sha},
   * else (a fast-forward merge) {@code sha}, the head.
   */
  private static PullRequest mergeRequest(JsonNode mr) {
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

  @Override
  public int maxCommentLength() {
    return GitHostType.GITLAB.maxCommentLength();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
