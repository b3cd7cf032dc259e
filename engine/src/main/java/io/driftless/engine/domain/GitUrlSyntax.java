package io.driftless.engine.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The pieces of URL syntax that {@link GitUrl} and {@link GitUrlPolicy} share. */
final class GitUrlSyntax {
  /** The longest URL accepted; the database column holds as many. */
  static final int MAX_LENGTH = 2048;

  /** The longest user name accepted in a URL (GitHub's limit for account names). */
  static final int MAX_USER_NAME = 39;

  static final String FORMS =
      "use https://host/owner/repo.git, ssh://[user@]host[:port]/path, user@host:path,"
          + " http://host/path or git://host/path";

  /** Prefixes of access tokens that Git hosts issue: GitHub, GitLab, Bitbucket, Atlassian. */
  private static final List<String> TOKEN_PREFIXES =
      List.of(
          "ghp_",
          "gho_",
          "ghu_",
          "ghs_",
          "ghr_",
          "github_pat_",
          "glpat-",
          "gloas-",
          "gldt-",
          "glrt-",
          "glptt-",
          "glcbt-",
          "glft-",
          "glimt-",
          "glagent-",
          "glsoat-",
          "ATBB",
          "ATCTT",
          "ATATT");

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*))*");
  private static final int MAX_HOST = 253;

  private GitUrlSyntax() {}

  static InvalidGitUrlException refused(String message) {
    return new InvalidGitUrlException("url", message);
  }

  /**
   * Refuses a blank or over-long URL and any control or invisible character (a newline could end a
   * line of a config file or a protocol; a bidirectional override hides what a URL says).
   *
   * @return the text without surrounding spaces
   */
  static String text(String url) {
    if (url == null || url.isBlank()) {
      throw refused("url is required");
    }
    if (url.length() > MAX_LENGTH) {
      throw refused("url must be at most " + MAX_LENGTH + " characters, not " + url.length());
    }
    for (int i = 0; i < url.length(); ) {
      int c = url.codePointAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw refused(
            String.format(
                Locale.ROOT,
                "url must not contain control or invisible characters such as a newline, tab or"
                    + " NUL (found U+%04X at position %d)",
                c,
                i + 1));
      }
      i += Character.charCount(c);
    }
    String text = url.strip();
    if (text.startsWith("-")) {
      throw refused("url must not start with '-': Git would read it as a command-line option");
    }
    return text;
  }

  /** Refuses spaces, which remote Git URLs never need (percent-encode them as %20). */
  /** The text as a URI, which checks its percent-escapes and the characters a URL may hold. */
  static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw refused(
          "url is not a valid URL: "
              + e.getReason().toLowerCase(Locale.ROOT)
              + " at "
              + e.getIndex());
    }
  }

  static void noSpaces(String text) {
    if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
      throw refused("url must not contain spaces; write a space in a path as %20");
    }
  }

  /** A host name or address, lower case; {@code bracketed} for an IPv6 literal without []. */
  static String host(String host, boolean bracketed) {
    if (host.isEmpty()) {
      throw refused("url names no host; " + FORMS);
    }
    if (host.startsWith("-")) {
      throw refused("url's host must not start with '-': a command would read it as an option");
    }
    if (bracketed) {
      if (!isIpv6(host)) {
        throw refused("url's host in brackets must be an IPv6 address such as [2001:db8::1]");
      }
      return host.toLowerCase(Locale.ROOT);
    }
    if (host.length() > MAX_HOST || !HOST_NAME.matcher(host).matches()) {
      throw refused(
          "url's host must be a DNS name or an IP address (an IPv6 address in brackets, a name"
              + " beyond ASCII in its xn-- form)");
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static boolean isIpv6(String address) {
    if (address.isEmpty() || !address.chars().allMatch(c -> c == ':' || c == '.' || isHex(c))) {
      return false;
    }
    try {
      // java.net.URI checks the RFC 2373 syntax strictly and never resolves a name.
      return new URI("ssh", null, "[" + address + "]", -1, "/", null, null).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A port number from the digits after ':'. */
  static int port(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      throw refused("url's port must be a number from 1 to 65535");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw refused("url's port must be a number from 1 to 65535");
    }
    return port;
  }

  /**
   * Refuses user info that is not a plain account name: a password, a token, or anything beyond
   * {@value #MAX_USER_NAME} letters, digits, '.', '_' and '-'. Never quotes the user info, which
   * may be a secret.
   */
  static String userName(String user) {
    if (user.contains(":")) {
      throw refused("url must not contain a password; give credentials in auth instead");
    }
    if (user.isEmpty()) {
      throw refused("url has an empty user name before '@'; remove the '@' or name the user");
    }
    if (looksLikeToken(user)) {
      throw refused(
          "url must not carry an access token as its user name; give the token in auth instead");
    }
    if (user.length() > MAX_USER_NAME || !USER_NAME.matcher(user).matches()) {
      throw refused(
          "url's user name may hold only letters, digits, '.', '_' and '-' (at most "
              + MAX_USER_NAME
              + "); give other user names in auth");
    }
    return user;
  }

  /**
   * A known token prefix, or a long random-looking string: 20 or more characters mixing upper- and
   * lower-case letters and digits (GitLab's and Gitea's older tokens have no prefix).
   */
  static boolean looksLikeToken(String user) {
    if (TOKEN_PREFIXES.stream().anyMatch(user::startsWith)) {
      return true;
    }
    boolean upper = user.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
    boolean lower = user.chars().anyMatch(c -> c >= 'a' && c <= 'z');
    boolean digit = user.chars().anyMatch(c -> c >= '0' && c <= '9');
    boolean hex = user.chars().allMatch(GitUrlSyntax::isHex);
    return (user.length() >= 20 && upper && lower && digit) || (user.length() >= 32 && hex);
  }
}
