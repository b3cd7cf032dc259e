package io.driftless.engine.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a named credential may be sent: a list of URL prefixes, as Argo CD's credential templates
 * match repositories. A source may name the credential only when its URL is within one of them, so
 * an admin, who can never read a stored secret, cannot send it to a server of their choosing by
 * registering a source there.
 *
 * <p>An origin is an {@code https://} or {@code ssh://} URL (or scp-like {@code git@host:path});
 * its path, possibly empty, is a prefix of whole segments: {@code https://github.com/acme} covers
 * {@code https://github.com/acme/app.git} and not {@code https://github.com/acme-evil/app.git}. The
 * scheme (scp-like and {@code ssh://} are both ssh), the host and the effective port must be the
 * same; the user name is not compared. A URL path holding a {@code .} or {@code ..} segment, a
 * percent sign or a backslash is within no origin that has a path, since the server may read it as
 * another path than it says.
 */
public record CredentialOrigins(List<CredentialOrigins.Origin> urls) {
  /**
   * One origin: its text as given, the URL it names (for a whole host, with a placeholder path) and
   * the path segments a covered URL starts with.
   */
  public record Origin(String value, GitUrl url, List<String> prefix) {
    public Origin {
      prefix = List.copyOf(prefix);
    }
  }

  private static final Set<String> TYPES_THAT_SEND_THEIR_SECRET = Set.of("token", "basic");
  private static final Pattern WHOLE_HOST = Pattern.compile("(?i)(https?|ssh|git)://[^/?#\\s]+/*");
  private static final String EXAMPLE = "https://github.com/acme/ or ssh://git@github.com/acme/";

  public CredentialOrigins {
    urls = List.copyOf(urls);
  }

  /** No origin: a credential used at no URL (a decryption key), or one made before origins. */
  public static CredentialOrigins none() {
    return new CredentialOrigins(List.of());
  }

  /**
   * Reads origins as the API gives them.
   *
   * @throws InvalidGitUrlException on {@code field}, its message naming the index, for a URL that
   *     is not https or ssh, has no host, or holds a user name other than an account name
   */
  public static CredentialOrigins parse(String field, List<String> values) {
    List<Origin> urls = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String at = field + "[" + i + "]";
      String value = values.get(i) == null ? "" : values.get(i).trim();
      GitUrl url;
      try {
        url =
            wholeHost(value)
                ? GitUrl.parse(value.replaceAll("/*$", "") + "/-")
                : GitUrl.parse(value);
      } catch (InvalidGitUrlException e) {
        throw new InvalidGitUrlException(field, at + ": " + e.getMessage());
      }
      if (url.transport() != GitUrl.Transport.HTTPS && url.transport() != GitUrl.Transport.SSH) {
        throw new InvalidGitUrlException(
            field, at + ": an origin is an https:// or ssh:// URL prefix, like " + EXAMPLE);
      }
      urls.add(new Origin(value, url, wholeHost(value) ? List.of() : segments(url.path())));
    }
    return new CredentialOrigins(urls);
  }

  /** Whether {@code value} is {@code scheme://host[:port]} with no path: a whole host. */
  private static boolean wholeHost(String value) {
    return WHOLE_HOST.matcher(value).matches();
  }

  /**
   * Whether a credential of {@code type} must name its origins before a source may use it: a token
   * or a password is sent to the server as it is, while an SSH key only signs that server's session
   * (which it cannot replay elsewhere) and the source pins the host's key.
   */
  public static boolean required(String type) {
    return TYPES_THAT_SEND_THEIR_SECRET.contains(type);
  }

  /** Whether origins apply to credentials of {@code type} at all (not to decryption keys). */
  public static boolean applies(String type) {
    return required(type) || "ssh-key".equals(type);
  }

  public boolean isEmpty() {
    return urls.isEmpty();
  }

  /** The origins as given. */
  public List<String> values() {
    return urls.stream().map(Origin::value).toList();
  }

  /** Whether {@code url} is within one of the origins. */
  public boolean permits(GitUrl url) {
    return urls.stream().anyMatch(origin -> within(origin, url));
  }

  /**
   * Why a source at {@code url} may not use the credential {@code name} of {@code type} in {@code
   * field}, if it may not: the URL is outside the origins, or the credential sends its secret and
   * names no origins (one made before origins existed).
   */
  public Optional<String> refusal(String field, CredentialName name, String type, GitUrl url) {
    if (urls.isEmpty()) {
      return required(type)
          ? Optional.of(
              field
                  + ": credential '"
                  + name
                  + "' names no origins, so no source may use it; set where it may be sent with"
                  + " 'driftless credential origins "
                  + name
                  + " --origin URL'")
          : Optional.empty();
    }
    if (permits(url)) {
      return Optional.empty();
    }
    return Optional.of(
        field
            + ": credential '"
            + name
            + "' may be sent only to "
            + String.join(", ", values())
            + ", not to "
            + url.value());
  }

  private static boolean within(Origin origin, GitUrl url) {
    if (!origin.url().sameOrigin(url)) {
      return false;
    }
    List<String> prefix = origin.prefix();
    if (prefix.isEmpty()) {
      return true;
    }
    List<String> path = segments(url.path());
    if (path.size() < prefix.size()
        || path.stream().anyMatch(CredentialOrigins::ambiguous)
        || prefix.stream().anyMatch(CredentialOrigins::ambiguous)) {
      return false;
    }
    return path.subList(0, prefix.size()).equals(prefix);
  }

  private static List<String> segments(String path) {
    return Arrays.stream(path.split("/", -1)).filter(s -> !s.isEmpty()).toList();
  }

  private static boolean ambiguous(String segment) {
    return segment.equals(".")
        || segment.equals("..")
        || segment.indexOf('%') >= 0
        || segment.indexOf('\\') >= 0;
  }
}
