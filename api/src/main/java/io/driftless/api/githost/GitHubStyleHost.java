package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub (github.com and Enterprise Server) and Gitea, which speaks GitHub's shapes under {@code
 * /api/v1}: statuses at {@code POST /repos/{o}/{r}/statuses/{sha}}, the pull request's comments at
 * {@code /repos/{o}/{r}/issues/{n}/comments}, one edited with {@code PATCH
 * /repos/{o}/{r}/issues/comments/{id}}.
 */
final class GitHubStyleHost implements GitHost {
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  private final GitHostType type;
  private final RestClient rest;
  private final String repo;

  GitHubStyleHost(GitHostType type, RestClient rest, String repository) {
    this.type = type;
    this.rest = rest;
    this.repo = (type == GitHostType.GITEA ? "/api/v1" : "") + "/repos/" + repository;
  }

  @Override
  public void setStatus(String sha, CommitStatus status) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("state", status.state().name().toLowerCase(Locale.ROOT));
    body.put("context", status.context());
    body.put("description", status.description());
    if (status.targetUrl() != null) {
      body.put("target_url", status.targetUrl());
    }
    rest.send("POST", repo + "/statuses/" + sha, body);
  }

  @Override
  public String upsertComment(long pr, String knownId, String marker, String body) {
    Map<String, String> text = Map.of("body", body);
    if (knownId != null) {
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
    String found = findByMarker(pr, marker);
    if (found != null) {
      rest.send("PATCH", repo + "/issues/comments/" + found, text);
      return found;
    }
    JsonNode created = rest.send("POST", repo + "/issues/" + pr + "/comments", text).body();
    return created.path("id").asText();
  }

  private String findByMarker(long pr, String marker) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode comments =
          rest.send(
                  "GET",
                  repo
                      + "/issues/"
                      + pr
                      + "/comments?per_page="
                      + PAGE
                      + "&limit="
                      + PAGE
                      + "&page="
                      + page,
                  null)
              .body();
      for (JsonNode comment : comments) {
        if (comment.path("body").asText("").contains(marker)) {
          return comment.path("id").asText();
        }
      }
      if (comments.size() < PAGE) {
        return null;
      }
    }
    return null;
  }

  @Override
  public int maxCommentLength() {
    return type.maxCommentLength();
  }
}
