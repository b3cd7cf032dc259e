package io.driftless.engine.domain;

import static io.driftless.engine.domain.GitUrlSyntax.refused;

import java.net.URI;
import java.util.Locale;

/**
 * What this server accepts as a source URL and as a Git host's API address, decided once and asked
 * by everything that takes one (registration, changes, declarative documents).
 *
 * @param allowLocalUrls whether {@code file://} URLs and paths on this server's disk are accepted
 *     ({@code git.allowLocalUrls}): off by default, since they let whoever registers a source read
 *     any repository the server can; on for the demo and the test harnesses
 * @param allowHttpHostApis whether a Git host's API may be reached over plain {@code http://} (test
 *     harnesses with a local fake host); off by default, since the API token would cross the
 *     network in the clear
 */
public record GitUrlPolicy(boolean allowLocalUrls, boolean allowHttpHostApis) {

  /** The default: remote URLs only, host APIs over https only. */
  public static GitUrlPolicy strict() {
    return new GitUrlPolicy(false, false);
  }

  /**
   * Parses a source URL and applies this policy to it.
   *
   * @throws InvalidGitUrlException naming the field {@code url}
   */
  public GitUrl check(String url) {
    return check(GitUrl.parse(url));
  }

  /**
   * @throws InvalidGitUrlException naming the field {@code url} when the URL is local and local
   *     URLs are not allowed
   */
  public GitUrl check(GitUrl url) {
    if (url.isLocal() && !allowLocalUrls) {
      throw refused(
          "url is a path on this server's disk (or file://), which this server does not accept"
              + " (git.allowLocalUrls is off); "
              + GitUrlSyntax.FORMS);
    }
    return url;
  }

  /**
   * Checks a source as it is registered: its URL under this policy, and its credentials only over a
   * transport that protects them.
   *
   * @return the source with its URL as read (surrounding spaces removed)
   * @throws InvalidGitUrlException naming the field {@code url}, {@code auth} or {@code writeAuth}
   */
  public Source check(Source source) {
    GitUrl url = check(source.url());
    Source checked = withUrl(source, url, source.auth(), source.writeAuth());
    checkCredentials(url, checked);
    return checked;
  }

  /**
   * Checks a change of a source. {@code changed} holds what the change gave and the stored values
   * for the rest. When the URL leaves the stored URL's origin (scheme, host or port), stored
   * credentials that the change does not give again are dropped, so that they are never sent to
   * another server.
   *
   * @param authGiven whether the change gave {@code auth}
   * @param writeAuthGiven whether the change gave {@code writeAuth}
   * @throws InvalidGitUrlException naming the field {@code url}, {@code auth} or {@code writeAuth}
   */
  public Source checkChange(
      Source current, Source changed, boolean authGiven, boolean writeAuthGiven) {
    boolean urlChanged = !changed.url().equals(current.url());
    if (!urlChanged && !authGiven && !writeAuthGiven) {
      return changed;
    }
    GitUrl url = urlChanged ? check(changed.url()) : GitUrl.parse(changed.url());
    boolean moved = urlChanged && !sameOrigin(current.url(), url);
    Source checked =
        withUrl(
            changed,
            url,
            moved && !authGiven ? GitAuth.none() : changed.auth(),
            moved && !writeAuthGiven ? null : changed.writeAuth());
    checkCredentials(url, checked);
    return checked;
  }

  private static boolean sameOrigin(String stored, GitUrl url) {
    try {
      return GitUrl.parse(stored).sameOrigin(url);
    } catch (InvalidGitUrlException e) {
      return false; // a URL stored before the rules: its origin cannot be vouched for
    }
  }

  private static Source withUrl(Source source, GitUrl url, GitAuth auth, GitAuth writeAuth) {
    return new Source(
        source.name(),
        url.value(),
        auth,
        writeAuth,
        source.webhookSecret(),
        source.verify(),
        source.forkPreviews(),
        source.decryption());
  }

  private void checkCredentials(GitUrl url, Source source) {
    checkCredentials(url, source.auth(), "auth");
    checkCredentials(url, source.writeAuth(), "writeAuth");
  }

  /**
   * Refuses credentials for a transport that would send them in the clear.
   *
   * @throws InvalidGitUrlException naming the field {@code auth} when {@code auth} holds
   *     credentials and the URL is {@code http://} or {@code git://}
   */
  public void checkCredentials(GitUrl url, GitAuth auth) {
    checkCredentials(url, auth, "auth");
  }

  /**
   * As {@link #checkCredentials(GitUrl, GitAuth)}, for credentials given in {@code field} (such as
   * {@code writeAuth}).
   */
  public void checkCredentials(GitUrl url, GitAuth auth, String field) {
    if (url.isPlain() && auth != null && !(auth instanceof GitAuth.None)) {
      throw new InvalidGitUrlException(
          field,
          field
              + " cannot be used with "
              + url.scheme()
              + "://, which would send it in the clear; use an https:// or ssh:// url");
    }
  }

  /**
   * Checks the base address of a Git host's REST API ({@code https://api.github.com}, {@code
   * https://gitlab.example.com}): {@code https://} (or {@code http://} when {@link
   * #allowHttpHostApis}), a valid host and optional port and path, no user info, query or fragment,
   * no control characters.
   *
   * @return the address without trailing slashes
   * @throws InvalidGitUrlException naming the field {@code url}
   */
  public URI checkHostApi(String url) {
    String text = GitUrlSyntax.text(url);
    GitUrlSyntax.noSpaces(text);
    URI uri = GitUrlSyntax.uri(text);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    if (!https && !(scheme.equals("http") && allowHttpHostApis)) {
      throw refused(
          "url must be an https:// address"
              + (scheme.equals("http")
                  ? ": the API token must not cross the network in the clear"
                  : ""));
    }
    if (uri.getRawUserInfo() != null) {
      throw refused("url must not contain a user or password; give the token in token instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused("url must not contain a query ('?') or a fragment ('#')");
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    if (authority.isEmpty()) {
      throw refused("url must name a host, such as https://api.github.com");
    }
    if (authority.startsWith("[")) {
      // java.net.URI has parsed a bracketed host, so the ']' is there.
      int close = authority.indexOf(']');
      GitUrlSyntax.host(authority.substring(1, close), true);
      if (authority.length() > close + 1) {
        GitUrlSyntax.port(authority.substring(close + 2));
      }
    } else {
      int colon = authority.indexOf(':');
      GitUrlSyntax.host(colon < 0 ? authority : authority.substring(0, colon), false);
      if (colon >= 0) {
        GitUrlSyntax.port(authority.substring(colon + 1));
      }
    }
    String normalized = text.replaceAll("/+$", "");
    return URI.create(normalized);
  }
}
