package io.driftless.api.githost;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading what the hosts answer: users, optional text, and bodies cut to a host's limit. */
final class HostReplies {
  private static final Logger LOG = LoggerFactory.getLogger(HostReplies.class);

  private HostReplies() {}

  /**
   * The user {@code GET /user} answered: {@code id} and {@code login} (GitHub, Gitea) or {@code
   * username} (GitLab, and Gitea's alias).
   *
   * @throws GitHostException when the answer names no user id
   */
  static HostUser user(JsonNode reply) {
    HostUser user = user(reply, null);
    if (user == null) {
      throw new GitHostException("the host's answer to GET /user names no user id", 0);
    }
    return user;
  }

  /** The user in {@code node} ({@code user} of a comment, {@code author} of a note), else none. */
  static HostUser user(JsonNode node, HostUser otherwise) {
    String id = text(node.path("id"));
    if (id == null) {
      return otherwise;
    }
    String login = text(node.path("login"));
    return new HostUser(id, login != null ? login : text(node.path("username")));
  }

  /** The node's text; null when it is missing, JSON null or blank. */
  static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    String text = node.asText("");
    return text.isBlank() ? null : text;
  }

  /**
   * The token's user, or null when the host will not say ({@code 401}, {@code 403}: a GitHub App's
   * installation token may not read {@code /user}; {@code 404}). A host that does not answer is an
   * error, as for any call.
   */
  static HostUser selfIfTold(GitHost host) {
    try {
      return host.self();
    } catch (GitHostException e) {
      if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
        LOG.debug("the host does not say who its token is ({}); no comment is adopted", e.status());
        return null;
      }
      throw e;
    }
  }

  /** {@code text} cut to {@code limit} characters, with a note that it was. */
  static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    String note = "\n\n\u2026 (cut to the host's limit)\n";
    return text.substring(0, Math.max(0, limit - note.length())) + note;
  }
}
