package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Source URLs as a server with the default policy, and one allowing local URLs, read them. */
class GitUrlTest {
  private static final GitUrlPolicy STRICT = GitUrlPolicy.strict();
  private static final GitUrlPolicy LOCAL = new GitUrlPolicy(true, false);
  private static final String FORMS =
      "use https://host/owner/repo.git, ssh://[user@]host[:port]/path, user@host:path,"
          + " http://host/path or git://host/path";
  private static final String PASSWORD =
      "url must not contain a password; give credentials in auth instead";
  private static final String TOKEN =
      "url must not carry an access token as its user name; give the token in auth instead";
  private static final String LOCAL_REFUSED =
      "url is a path on this server's disk (or file://), which this server does not accept"
          + " (git.allowLocalUrls is off); "
          + FORMS;

  /** An accepted URL: what it reads as. */
  record Read(String scheme, String user, String host, int port, String path, boolean scpLike) {}

  private static Arguments ok(GitUrlPolicy policy, String url, Read read) {
    return Arguments.of(policy, url, read, null);
  }

  private static Arguments ok(String url, Read read) {
    return ok(STRICT, url, read);
  }

  private static Arguments refused(GitUrlPolicy policy, String url, String message) {
    return Arguments.of(policy, url, null, message);
  }

  private static Arguments refused(String url, String message) {
    return refused(STRICT, url, message);
  }

  private static Read read(String scheme, String user, String host, int port, String path) {
    return new Read(scheme, user, host, port, path, false);
  }

  private static Read scp(String user, String host, String path) {
    return new Read("ssh", user, host, -1, path, true);
  }

  static Stream<Arguments> urls() {
    return Stream.of(
        // accepted
        ok(
            "https://github.com/acme/site.git",
            read("https", null, "github.com", -1, "/acme/site.git")),
        ok("HTTPS://GitHub.com/a/b.git", read("https", null, "github.com", -1, "/a/b.git")),
        ok("https://[::1]:8443/r.git", read("https", null, "::1", 8443, "/r.git")),
        ok("ssh://git@[2001:db8::1]:2222/r.git", read("ssh", "git", "2001:db8::1", 2222, "/r.git")),
        ok("git@github.com:a/b.git", scp("git", "github.com", "a/b.git")),
        ok("git@[2001:db8::1]:r.git", scp("git", "2001:db8::1", "r.git")),
        ok("github.com:a/b", scp(null, "github.com", "a/b")),
        ok("[::1]:repo.git", scp(null, "::1", "repo.git")),
        ok("deploy@10.0.0.5:/srv/git/site.git", scp("deploy", "10.0.0.5", "/srv/git/site.git")),
        ok("ssh://git@github.com:22/acme/site", read("ssh", "git", "github.com", 22, "/acme/site")),
        ok("http://git.internal/r.git", read("http", null, "git.internal", -1, "/r.git")),
        ok("Git://example.com:9418/r", read("git", null, "example.com", 9418, "/r")),
        ok(
            "https://alice@bitbucket.org/team/repo.git",
            read("https", "alice", "bitbucket.org", -1, "/team/repo.git")),
        ok(
            "https://x-access-token@github.com/a/b",
            read("https", "x-access-token", "github.com", -1, "/a/b")),
        ok(
            "https://dev.azure.com/org/project/_git/repo",
            read("https", null, "dev.azure.com", -1, "/org/project/_git/repo")),
        ok(
            "ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-1.amazonaws.com/v1/repos/r",
            read(
                "ssh",
                "APKAEIBAERJR2EXAMPLE",
                "git-codecommit.us-east-1.amazonaws.com",
                -1,
                "/v1/repos/r")),
        ok("  https://github.com/a/b  ", read("https", null, "github.com", -1, "/a/b")),
        ok(LOCAL, "file:///srv/repo", read("file", null, "", -1, "/srv/repo")),
        ok(LOCAL, "/srv/repo", read("file", null, "", -1, "/srv/repo")),
        ok(LOCAL, "/etc", read("file", null, "", -1, "/etc")),
        ok(LOCAL, "C:\\repo", read("file", null, "", -1, "C:\\repo")),
        // refused: credentials in the URL
        refused("https://ghp_x@github.com/a/b", TOKEN),
        refused("https://github_pat_11ABC@github.com/a/b", TOKEN),
        refused("https://glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.com/a/b", TOKEN),
        refused("https://9koXpg98eAheJpvBs5tK@gitlab.com/a/b", TOKEN),
        refused("https://ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12@gitea.example/a/b", TOKEN),
        refused("ssh://ghp_abc@github.com/a/b", TOKEN),
        refused("https://user:pass@github.com/a/b", PASSWORD),
        refused("https://x-access-token:ghp_abc@github.com/a/b", PASSWORD),
        refused("http://user:@host/r.git", PASSWORD),
        refused("user:pw@host:repo.git", PASSWORD),
        refused(
            "https://user%40example.com@host/r",
            "url's user name may hold only letters, digits, '.', '_' and '-' (at most 39);"
                + " give other user names in auth"),
        refused(
            "ssh://-oProxyCommand=x@github.com/a/b",
            "url's user name may hold only letters, digits, '.', '_' and '-' (at most 39);"
                + " give other user names in auth"),
        refused(
            "https://@github.com/a/b",
            "url has an empty user name before '@'; remove the '@' or name the user"),
        refused("git://user@host/r", "url must not name a user: git:// has no accounts"),
        // refused: characters that change what Git or a reader sees
        refused(
            "https://github.com/a/b\n",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+000A at position 23)"),
        refused(
            "https://github.com/a\tb",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+0009 at position 21)"),
        refused(
            "https://github.com/a\0b",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+0000 at position 21)"),
        refused(
            "https://github.com/a/b\u202e/c",
            "url must not contain control or invisible characters such as a newline, tab or NUL"
                + " (found U+202E at position 23)"),
        refused(
            "-oProxyCommand=x",
            "url must not start with '-': Git would read it as a command-line option"),
        refused(
            "ssh://-oProxyCommand=x/r",
            "url's host must not start with '-': a command would read it as an option"),
        refused(
            "git@github.com:-x",
            "url's path must not start with '-': Git would read it as an option"),
        refused(
            "https://github.com/a b",
            "url must not contain spaces; write a space in a path as %20"),
        // refused: not a URL Driftless fetches
        refused("ftp://x/y", "url scheme 'ftp' is not supported; " + FORMS),
        refused("not a url", "url is not a Git URL; " + FORMS + " (local paths must be absolute)"),
        refused(
            LOCAL, "../repo", "url is not a Git URL; " + FORMS + " (local paths must be absolute)"),
        refused(
            "ext::sh -c touch% /tmp/pwned",
            "url must not name a Git remote helper ('<helper>::...'), which runs a program; "
                + FORMS),
        refused(
            "https:/github.com/a/b",
            "url must be written https://host/path, with two slashes after the scheme"),
        refused("/etc", LOCAL_REFUSED),
        refused("file:///srv/repo", LOCAL_REFUSED),
        refused("C:\\repo", LOCAL_REFUSED),
        refused(
            LOCAL,
            "file://server/share/repo",
            "url: a file URL must name an absolute path and no host: file:///srv/repo"),
        refused(
            LOCAL,
            "file:/srv/repo",
            "url: a file URL must name an absolute path and no host: file:///srv/repo"),
        refused(" ", "url is required"),
        refused("https://github.com", "url names no repository path after the host; " + FORMS),
        refused("git@github.com:", "url names no repository path after 'host:'; " + FORMS),
        refused(
            "https://github.com/a/b?x=1", "url must not contain a query ('?') or a fragment ('#')"),
        refused("https://github.com:99999/a/b", "url's port must be a number from 1 to 65535"),
        refused(
            "https://::1/r.git",
            "url's IPv6 host must be in brackets: https://[2001:db8::1]/repo.git"),
        refused(
            "https://[::g]/r.git",
            "url's host in brackets must be an IPv6 address such as [2001:db8::1]"),
        refused(
            "https://bücher.example/r.git",
            "url's host must be a DNS name or an IP address (an IPv6 address in brackets, a name"
                + " beyond ASCII in its xn-- form)"),
        refused("https://github.com/a/%zz", "url is not a valid URL: malformed escape pair at 21"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("urls")
  void eachUrlIsAcceptedOrRefusedWithItsMessage(
      GitUrlPolicy policy, String url, Read expected, String message) {
    if (message != null) {
      InvalidGitUrlException e =
          catchThrowableOfType(InvalidGitUrlException.class, () -> policy.check(url));
      assertThat(e).as("refused: %s", url).isNotNull();
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(e.field()).isEqualTo("url");
      assertThat(e.details()).containsEntry("field", "url");
      assertThat(e.code()).isEqualTo("source.url");
      return;
    }
    GitUrl parsed = policy.check(url);
    assertThat(
            new Read(
                parsed.scheme(),
                parsed.user().orElse(null),
                parsed.host(),
                parsed.port().orElse(-1),
                parsed.path(),
                parsed.isScpLike()))
        .isEqualTo(expected);
    assertThat(parsed.value()).isEqualTo(url.strip());
    assertThat(parsed.isLocal()).isEqualTo(expected.scheme().equals("file"));
    assertThat(parsed.isPlain())
        .isEqualTo(expected.scheme().equals("http") || expected.scheme().equals("git"));
  }

  @org.junit.jupiter.api.Test
  void aRefusalNeverRepeatsTheSecret() {
    for (String url :
        new String[] {
          "https://ghp_SECRETSECRET@github.com/a/b",
          "https://user:SECRETSECRET@github.com/a/b",
          "SECRET:SECRETSECRET@host:r.git",
          "https://SECRETSECRETab12CD34ef@gitlab.com/a/b"
        }) {
      assertThatThrownBy(() -> GitUrl.parse(url))
          .isInstanceOf(InvalidGitUrlException.class)
          .message()
          .doesNotContain("SECRET");
    }
  }

  @org.junit.jupiter.api.Test
  void portsAndDefaults() {
    assertThat(GitUrl.parse("https://h/r").port()).isEqualTo(OptionalInt.empty());
    assertThat(GitUrl.parse("https://h/r").effectivePort()).isEqualTo(443);
    assertThat(GitUrl.parse("http://h/r").effectivePort()).isEqualTo(80);
    assertThat(GitUrl.parse("git@h:r").effectivePort()).isEqualTo(22);
    assertThat(GitUrl.parse("git://h/r").effectivePort()).isEqualTo(9418);
    assertThat(GitUrl.parse("file:///r").effectivePort()).isEqualTo(-1);
    assertThat(GitUrl.parse("https://h:8443/r").port()).isEqualTo(OptionalInt.of(8443));
  }
}
