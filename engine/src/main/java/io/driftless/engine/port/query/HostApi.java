package io.driftless.engine.port.query;

import io.driftless.engine.domain.Secret;
import java.util.Objects;

/**
 * Where a source's Git host takes commit statuses and pull-request comments.
 *
 * @param type {@code github}, {@code gitlab} or {@code gitea}
 * @param baseUrl the API root (GitHub) or the server's address (GitLab, Gitea), so that GitHub
 *     Enterprise and self-hosted servers work
 * @param repository {@code owner/name} (GitHub, Gitea) or the project's path or id (GitLab)
 * @param token the host's access token; {@link Secret#toString()} never shows it
 */
public record HostApi(String type, String baseUrl, String repository, Secret token) {
  public HostApi {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(token, "token");
  }
}
