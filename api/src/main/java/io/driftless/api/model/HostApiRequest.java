package io.driftless.api.model;

/**
 * {@code PUT /api/v1/sources/{name}/host}: where the source's Git host takes commit statuses and
 * the pull-request comment.
 *
 * @param type {@code github}, {@code gitlab} or {@code gitea}
 * @param url the API root for GitHub ({@code https://api.github.com}, the default, or {@code
 *     https://ghe.example.com/api/v3}); the server's address for GitLab ({@code
 *     https://gitlab.com}, the default) and Gitea (required)
 * @param repository {@code owner/name} (GitHub, Gitea) or the project path or id (GitLab); defaults
 *     to the path of the source's URL
 * @param token an access token allowed to write statuses and comments; stored encrypted, never
 *     returned
 */
public record HostApiRequest(String type, String url, String repository, String token) {
  @Override
  public String toString() {
    return "HostApiRequest[type=" + type + ", url=" + url + ", repository=" + repository + "]";
  }
}
