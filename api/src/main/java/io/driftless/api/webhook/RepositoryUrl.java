package io.driftless.api.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository URL reduced to host and path, so that the https, ssh and scp-like forms of one
 * repository compare equal: {@code https://github.com/acme/site.git}, {@code
 * ssh://git@github.com:22/acme/site} and {@code git@github.com:acme/site.git} are all {@code
 * github.com/acme/site}. Scheme, user, port, a trailing {@code .git} and slashes are dropped; hosts
 * and paths compare without case, as GitHub, GitLab, Gitea and Bitbucket treat them.
 */
public record RepositoryUrl(String key) {
  // user@host:path, where the part before ':' has no '/' (otherwise it is a path, not scp-like).
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$");

  public RepositoryUrl {
    Objects.requireNonNull(key, "key");
  }

  /** The comparable form of {@code url}; null when it is blank or unreadable. */
  public static RepositoryUrl of(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String text = url.trim();
    String host;
    String path;
    if (text.contains("://") || text.startsWith("file:")) {
      try {
        URI uri = new URI(text);
        host = uri.getHost() == null ? "" : uri.getHost();
        path = uri.getPath() == null ? "" : uri.getPath();
      } catch (URISyntaxException e) {
        return null;
      }
    } else {
      Matcher scp = SCP_LIKE.matcher(text);
      if (scp.matches()) {
        host = scp.group(1);
        path = scp.group(2);
      } else {
        host = "";
        path = text;
      }
    }
    path = path.replaceAll("/+", "/").replaceAll("^/|/$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - ".git".length());
    }
    path = path.replaceAll("/$", "");
    if (path.isEmpty() && host.isEmpty()) {
      return null;
    }
    return new RepositoryUrl((host + "/" + path).toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return key;
  }
}
