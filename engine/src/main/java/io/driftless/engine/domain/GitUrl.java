package io.driftless.engine.domain;

import static io.driftless.engine.domain.GitUrlSyntax.FORMS;
import static io.driftless.engine.domain.GitUrlSyntax.refused;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A source's Git URL, read once and checked: the only way to make one is {@link #parse}, which
 * refuses what Git should never be handed. Accepted:
 *
 * <ul>
 *   <li>{@code https://}, {@code http://}, {@code ssh://} and {@code git://} URLs, the scheme in
 *       any case, with a DNS name, an IPv4 address or an IPv6 address in brackets, an optional
 *       port, and a path;
 *   <li>scp-like {@code [user@]host:path} (ssh), including {@code git@[2001:db8::1]:repo.git};
 *   <li>local repositories: {@code file:///absolute/path}, an absolute path ({@code /srv/repo}) or
 *       a Windows drive or UNC path. They parse here; whether a server takes them is {@link
 *       GitUrlPolicy}'s decision.
 * </ul>
 *
 * <p>Refused, each with a message saying what to write instead: anything else ({@code ftp://},
 * {@code ext::} remote helpers, relative paths, text that is not a URL); control and invisible
 * characters anywhere; a leading {@code -} in the URL or its host (option injection into {@code
 * git} or {@code ssh}); spaces in a remote URL; a query or fragment; a password in the URL; and any
 * user name that is not a plain account name. The user-name rule, the same for https, http and ssh
 * ({@code git://} takes none): 1 to 39 letters, digits, '.', '_' and '-', not starting with '.' or
 * '-', not starting with a host's token prefix ({@code ghp_}, {@code github_pat_}, {@code glpat-},
 * {@code ATBB}, ...), and not random-looking (20 or more characters mixing upper- and lower-case
 * letters and digits, or 32 or more hex digits). So {@code git@}, {@code alice@} and {@code
 * x-access-token@} pass, {@code ghp_x@} does not; a token belongs in the source's {@code auth}.
 */
public final class GitUrl {
  /** How Git reaches the repository. */
  public enum Transport {
    HTTPS("https"),
    HTTP("http"),
    SSH("ssh"),
    GIT("git"),
    LOCAL("file");

    private final String scheme;

    Transport(String scheme) {
      this.scheme = scheme;
    }

    /** Unencrypted and unauthenticated: credentials must never travel over it. */
    public boolean isPlain() {
      return this == HTTP || this == GIT;
    }

    int defaultPort() {
      return switch (this) {
        case HTTPS -> 443;
        case HTTP -> 80;
        case SSH -> 22;
        case GIT -> 9418;
        case LOCAL -> -1;
      };
    }
  }

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Pattern REMOTE_HELPER = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*::.*");
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:([\\\\/].*)?$");
  private static final String FILE_URL =
      "url: a file URL must name an absolute path and no host: file:///srv/repo";
  private static final Set<String> SCHEMES_WITHOUT_SLASHES =
      Set.of("http", "https", "ssh", "git", "file", "ftp", "ftps", "rsync");

  private final String value;
  private final Transport transport;
  private final boolean scpLike;
  private final String user;
  private final String host;
  private final int port;
  private final String path;

  private GitUrl(
      String value,
      Transport transport,
      boolean scpLike,
      String user,
      String host,
      int port,
      String path) {
    this.value = value;
    this.transport = transport;
    this.scpLike = scpLike;
    this.user = user;
    this.host = host;
    this.port = port;
    this.path = path;
  }

  /**
   * Reads and checks a URL.
   *
   * @throws InvalidGitUrlException naming the field {@code url}, with what to write instead
   */
  public static GitUrl parse(String url) {
    String text = GitUrlSyntax.text(url);
    if (REMOTE_HELPER.matcher(text).matches()) {
      throw refused(
          "url must not name a Git remote helper ('<helper>::...'), which runs a program; "
              + FORMS);
    }
    int separator = text.indexOf("://");
    if (separator > 0 && SCHEME.matcher(text.substring(0, separator)).matches()) {
      String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
      String rest = text.substring(separator + 3);
      return switch (scheme) {
        case "https" -> remote(text, Transport.HTTPS, rest);
        case "http" -> remote(text, Transport.HTTP, rest);
        case "ssh" -> remote(text, Transport.SSH, rest);
        case "git" -> remote(text, Transport.GIT, rest);
        case "file" -> fileUrl(text, rest);
        default -> throw refused("url scheme '" + scheme + "' is not supported; " + FORMS);
      };
    }
    if (text.startsWith("/") || text.startsWith("\\\\") || DRIVE.matcher(text).matches()) {
      return new GitUrl(text, Transport.LOCAL, false, null, "", -1, text);
    }
    int colon = scpColon(text);
    if (colon > 1) {
      String before = text.substring(0, colon);
      String scheme = before.toLowerCase(Locale.ROOT);
      if (scheme.equals("file")) {
        throw refused(FILE_URL);
      }
      if (SCHEMES_WITHOUT_SLASHES.contains(scheme)) {
        throw refused(
            "url must be written " + scheme + "://host/path, with two slashes after the scheme");
      }
      return scpLike(text, before, text.substring(colon + 1));
    }
    throw refused("url is not a Git URL; " + FORMS + " (local paths must be absolute)");
  }

  /** {@code scheme://[user@]host[:port]/path}. */
  private static GitUrl remote(String text, Transport transport, String rest) {
    GitUrlSyntax.noSpaces(text);
    int end = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(stop);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    String authority = rest.substring(0, end);
    String path = rest.substring(end);
    if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
      throw refused("url must not contain a query ('?') or a fragment ('#')");
    }
    int at = authority.lastIndexOf('@');
    String user = null;
    if (at >= 0) {
      if (transport == Transport.GIT) {
        throw refused("url must not name a user: git:// has no accounts");
      }
      user = GitUrlSyntax.userName(authority.substring(0, at));
    }
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw refused("url's IPv6 host needs its closing ']': [2001:db8::1]");
      }
      host = GitUrlSyntax.host(hostPort.substring(1, close), true);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw refused("url's IPv6 host must be followed by ':port' or '/'");
      }
      portText = after.isEmpty() ? null : after.substring(1);
    } else {
      int colon = hostPort.indexOf(':');
      if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
        throw refused("url's IPv6 host must be in brackets: https://[2001:db8::1]/repo.git");
      }
      host = GitUrlSyntax.host(colon < 0 ? hostPort : hostPort.substring(0, colon), false);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    int port = portText == null ? -1 : GitUrlSyntax.port(portText);
    if (path.isEmpty() || path.equals("/")) {
      throw refused("url names no repository path after the host; " + FORMS);
    }
    GitUrlSyntax.uri(text);
    return new GitUrl(text, transport, false, user, host, port, path);
  }

  /** {@code file:///absolute/path}; a host ({@code file://server/...}) is not supported. */
  private static GitUrl fileUrl(String text, String rest) {
    if (!rest.startsWith("/") || rest.length() == 1) {
      throw refused(FILE_URL);
    }
    return new GitUrl(text, Transport.LOCAL, false, null, "", -1, rest);
  }

  /** {@code [user@]host:path}, the host maybe {@code [IPv6]}. */
  private static GitUrl scpLike(String text, String before, String path) {
    GitUrlSyntax.noSpaces(text);
    int at = before.lastIndexOf('@');
    String user = at < 0 ? null : GitUrlSyntax.userName(before.substring(0, at));
    String hostText = before.substring(at + 1);
    boolean bracketed = hostText.startsWith("[") && hostText.endsWith("]");
    String host =
        GitUrlSyntax.host(
            bracketed ? hostText.substring(1, hostText.length() - 1) : hostText, bracketed);
    if (path.isEmpty()) {
      throw refused("url names no repository path after 'host:'; " + FORMS);
    }
    if (path.startsWith("-")) {
      throw refused("url's path must not start with '-': Git would read it as an option");
    }
    int slash = path.indexOf('/');
    String firstSegment = slash < 0 ? path : path.substring(0, slash);
    if (firstSegment.contains("@") && firstSegment.contains(":")) {
      // user:password@host:path reads as host "user"; whatever it is, it carries a secret.
      throw refused("url must not contain a password; give credentials in auth instead");
    }
    return new GitUrl(text, Transport.SSH, true, user, host, -1, path);
  }

  /**
   * The ':' that ends the host of an scp-like URL, or -1: as Git reads it, {@code host:path} only
   * when no '/' comes before the colon; a colon inside a bracketed IPv6 host does not count.
   */
  private static int scpColon(String text) {
    boolean bracket = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/') {
        return -1;
      } else if (c == '[') {
        bracket = true;
      } else if (c == ']') {
        bracket = false;
      } else if (c == ':' && !bracket) {
        return i;
      }
    }
    return -1;
  }

  /** The URL as given, without surrounding spaces. It holds no secret: none is accepted. */
  public String value() {
    return value;
  }

  public Transport transport() {
    return transport;
  }

  /** {@code https}, {@code http}, {@code ssh} (scp-like included), {@code git} or {@code file}. */
  public String scheme() {
    return transport.scheme;
  }

  /** Whether credentials would cross the network in the clear ({@code http://}, {@code git://}). */
  public boolean isPlain() {
    return transport.isPlain();
  }

  /** Whether the repository is on this server's disk ({@code file://} or a path). */
  public boolean isLocal() {
    return transport == Transport.LOCAL;
  }

  /** Whether it was written {@code [user@]host:path}. */
  public boolean isScpLike() {
    return scpLike;
  }

  /** The user name before '@', if any. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The host in lower case, an IPv6 address without brackets; empty for a local repository. */
  public String host() {
    return host;
  }

  /** The port as written, if any. */
  public OptionalInt port() {
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /** The port Git will connect to: as written, else the transport's default; -1 when local. */
  public int effectivePort() {
    return port < 0 ? transport.defaultPort() : port;
  }

  /** The repository's path on the host (or on this server's disk), as written. */
  public String path() {
    return path;
  }

  /**
   * Whether credentials given for this URL may be kept for {@code other}: the same scheme (scp-like
   * and {@code ssh://} are both ssh), host and effective port. A change of any of them must drop
   * stored credentials unless new ones come with it, or they would be sent to another server.
   */
  public boolean sameOrigin(GitUrl other) {
    return transport == other.transport
        && host.equals(other.host)
        && effectivePort() == other.effectivePort();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GitUrl other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
