package io.driftless.api.githost;

import io.driftless.engine.domain.Require;

/**
 * The account a host API token acts as, as {@code GET /user} names it on GitHub, Gitea and GitLab.
 *
 * @param id the host's numeric user id, as text: stable across renames, what authorship is compared
 *     by
 * @param login the user name shown on the host
 */
public record HostUser(String id, String login) {
  public HostUser {
    Require.text(id, "a host user needs an id");
    login = login == null ? "" : login;
  }

  /** Whether {@code other} is this user (by id). */
  public boolean is(HostUser other) {
    return other != null && id.equals(other.id);
  }
}
