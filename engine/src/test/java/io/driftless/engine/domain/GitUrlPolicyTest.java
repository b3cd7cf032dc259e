package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitUrlPolicyTest {
  private static final GitAuth TOKEN = new GitAuth.Token(null, Secret.of("t0ken"));

  @Test
  void sameOriginIsSchemeHostAndPort() {
    GitUrl https = GitUrl.parse("https://github.com/acme/site.git");
    assertThat(https.sameOrigin(GitUrl.parse("HTTPS://GitHub.com/other/repo"))).isTrue();
    assertThat(https.sameOrigin(GitUrl.parse("https://github.com:443/acme/site.git"))).isTrue();
    assertThat(https.sameOrigin(GitUrl.parse("http://github.com/acme/site.git"))).isFalse();
    assertThat(https.sameOrigin(GitUrl.parse("https://evil.example/acme/site.git"))).isFalse();
    assertThat(https.sameOrigin(GitUrl.parse("https://github.com:8443/acme/site.git"))).isFalse();
    assertThat(https.sameOrigin(GitUrl.parse("git@github.com:acme/site.git"))).isFalse();

    GitUrl scp = GitUrl.parse("git@github.com:acme/site.git");
    assertThat(scp.sameOrigin(GitUrl.parse("ssh://git@github.com/acme/site.git"))).isTrue();
    assertThat(scp.sameOrigin(GitUrl.parse("ssh://git@github.com:2222/acme/site.git"))).isFalse();
    assertThat(scp.sameOrigin(GitUrl.parse("git@gitlab.com:acme/site.git"))).isFalse();
  }

  @Test
  void credentialsAreRefusedOverPlainTransports() {
    GitUrlPolicy policy = GitUrlPolicy.strict();
    assertThatThrownBy(() -> policy.checkCredentials(GitUrl.parse("http://h/r.git"), TOKEN))
        .isInstanceOfSatisfying(
            InvalidGitUrlException.class, e -> assertThat(e.field()).isEqualTo("auth"))
        .hasMessage(
            "auth cannot be used with http://, which would send it in the clear;"
                + " use an https:// or ssh:// url");
    assertThatThrownBy(() -> policy.checkCredentials(GitUrl.parse("git://h/r.git"), TOKEN))
        .hasMessageStartingWith("auth cannot be used with git://");
    policy.checkCredentials(GitUrl.parse("http://h/r.git"), GitAuth.none());
    policy.checkCredentials(GitUrl.parse("http://h/r.git"), null);
    policy.checkCredentials(GitUrl.parse("https://h/r.git"), TOKEN);
    policy.checkCredentials(GitUrl.parse("git@h:r.git"), TOKEN);
  }

  @Test
  void aSourceIsRegisteredWithItsUrlReadAndCredentialsOnlyOverProtectedTransports() {
    GitUrlPolicy policy = GitUrlPolicy.strict();
    SourceName name = SourceName.of("site");
    Source https =
        policy.check(new Source(name, " https://h/r.git ", TOKEN, TOKEN, null, null, null, null));
    assertThat(https.url()).isEqualTo("https://h/r.git");
    assertThat(https.auth()).isEqualTo(TOKEN);
    assertThatThrownBy(
            () ->
                policy.check(
                    new Source(name, "http://h/r.git", null, TOKEN, null, null, null, null)))
        .isInstanceOfSatisfying(
            InvalidGitUrlException.class, e -> assertThat(e.field()).isEqualTo("writeAuth"));
  }

  @Test
  void aChangeOfOriginDropsStoredCredentialsThatItDoesNotGiveAgain() {
    GitUrlPolicy policy = GitUrlPolicy.strict();
    Source stored =
        new Source(SourceName.of("site"), "https://h/r.git", TOKEN, TOKEN, null, null, null, null);
    Source samePlace =
        policy.checkChange(stored, withUrl(stored, "https://H:443/other.git"), false, false);
    assertThat(samePlace.auth()).isEqualTo(TOKEN);
    assertThat(samePlace.writeAuth()).isEqualTo(TOKEN);

    Source moved = policy.checkChange(stored, withUrl(stored, "https://evil/r.git"), false, false);
    assertThat(moved.auth()).isEqualTo(GitAuth.none());
    assertThat(moved.writeAuth()).isNull();

    Source given = policy.checkChange(stored, withUrl(stored, "git@evil:r.git"), true, false);
    assertThat(given.auth()).isEqualTo(TOKEN);
    assertThat(given.writeAuth()).isNull();

    Source plain = policy.checkChange(stored, withUrl(stored, "http://h/r.git"), false, false);
    assertThat(plain.auth()).as("scheme changed").isEqualTo(GitAuth.none());
    assertThatThrownBy(
            () -> policy.checkChange(stored, withUrl(stored, "http://h/r.git"), true, false))
        .hasMessageStartingWith("auth cannot be used with http://");
    assertThatThrownBy(() -> policy.checkChange(stored, withUrl(stored, "/srv/r"), false, false))
        .hasMessageStartingWith("url is a path on this server's disk");
  }

  private static Source withUrl(Source s, String url) {
    return new Source(
        s.name(), url, s.auth(), s.writeAuth(), s.webhookSecret(), s.verify(), null, null);
  }

  @Test
  void localUrlsOnlyWhenAllowed() {
    assertThat(GitUrlPolicy.strict().allowLocalUrls()).isFalse();
    GitUrl local = GitUrl.parse("file:///srv/repo");
    assertThat(new GitUrlPolicy(true, false).check(local)).isSameAs(local);
    assertThatThrownBy(() -> GitUrlPolicy.strict().check(local))
        .hasMessageStartingWith("url is a path on this server's disk");
  }

  @ParameterizedTest(name = "[{index}] {0} (http allowed: {1})")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          https://api.github.com                 | false | https://api.github.com
          HTTPS://ghe.example.com/api/v3/        | false | HTTPS://ghe.example.com/api/v3
          https://[::1]:8443/api//               | false | https://[::1]:8443/api
          https://gitea.example:3000             | false | https://gitea.example:3000
          http://127.0.0.1:8089                  | true  | http://127.0.0.1:8089
          http://127.0.0.1:8089                  | false | url must be an https:// address: the API token must not cross the network in the clear
          ftp://api.github.com                   | true  | url must be an https:// address
          api.github.com                         | false | url must be an https:// address
          https://x:y@api.github.com             | false | url must not contain a user or password; give the token in token instead
          https://ghp_x@api.github.com           | false | url must not contain a user or password; give the token in token instead
          https://api.github.com/?a=b            | false | url must not contain a query ('?') or a fragment ('#')
          https://api.github.com/#x              | false | url must not contain a query ('?') or a fragment ('#')
          https:///path                          | false | url must name a host, such as https://api.github.com
          https://-x.example/                    | false | url's host must not start with '-': a command would read it as an option
          https://api.github.com:0               | false | url's port must be a number from 1 to 65535
          https://api.github.com/a b             | false | url must not contain spaces; write a space in a path as %20
          """)
  void hostApiAddressesAreHttpsUnlessAllowed(String url, boolean allowHttp, String expected) {
    GitUrlPolicy policy = new GitUrlPolicy(false, allowHttp);
    if (expected.startsWith("url")) {
      assertThatThrownBy(() -> policy.checkHostApi(url))
          .isInstanceOf(InvalidGitUrlException.class)
          .hasMessage(expected);
    } else {
      assertThat(policy.checkHostApi(url)).hasToString(expected);
    }
  }

  @Test
  void hostApiAddressWithAControlCharacterIsRefused() {
    assertThatThrownBy(() -> GitUrlPolicy.strict().checkHostApi("https://api.github.com\r\n"))
        .hasMessageContaining("found U+000D at position 23");
  }
}
