package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitLab (gitlab.com and self-managed), API v4: statuses at {@code POST
 * /projects/{id}/statuses/{sha}}, the merge request's notes at {@code
 * /projects/{id}/merge_requests/{iid}/notes}, one edited with {@code PUT .../notes/{note_id}}. The
 * project is its numeric id or its URL-encoded path.
 */
final class GitLabHost implements GitHost {
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 20;

  private final RestClient rest;
  private final String project;

  GitLabHost(RestClient rest, String project) {
    this.rest = rest;
    this.project = "/api/v4/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8);
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
  public String upsertComment(long pr, String knownId, String marker, String body) {
    String notes = project + "/merge_requests/" + pr + "/notes";
    Map<String, String> text = Map.of("body", body);
    if (knownId != null) {
      try {
        rest.send("PUT", notes + "/" + knownId, text);
        return knownId;
      } catch (GitHostException e) {
        if (e.status() != 404) {
          throw e;
        }
      }
    }
    String found = findByMarker(notes, marker);
    if (found != null) {
      rest.send("PUT", notes + "/" + found, text);
      return found;
    }
    return rest.send("POST", notes, text).body().path("id").asText();
  }

  private String findByMarker(String notes, String marker) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode list =
          rest.send("GET", notes + "?sort=asc&per_page=" + PAGE + "&page=" + page, null).body();
      for (JsonNode note : list) {
        if (!note.path("system").asBoolean(false)
            && note.path("body").asText("").contains(marker)) {
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
  public int maxCommentLength() {
    return GitHostType.GITLAB.maxCommentLength();
  }
}
