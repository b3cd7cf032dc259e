package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialOriginsTest {
  private static final CredentialName BOT = CredentialName.of("bot");

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "https://github.com/acme, https://github.com/acme/app.git, true",
    "https://github.com/acme/, https://github.com/acme/app.git, true",
    "https://github.com/acme, https://github.com/acme, true",
    "https://GitHub.com/acme, https://github.com/acme/app.git, true",
    "https://github.com, https://github.com/anyone/app.git, true",
    "https://github.com:443/acme, https://github.com/acme/app.git, true",
    "https://github.com/acme, https://github.com/acme-evil/app.git, false",
    "https://github.com/acme, https://github.com/ac/app.git, false",
    "https://github.com/acme, https://github.com.evil.net/acme/app.git, false",
    "https://github.com/acme, https://github.com:8443/acme/app.git, false",
    "https://github.com/acme, http://github.com/acme/app.git, false",
    "https://github.com/acme, ssh://git@github.com/acme/app.git, false",
    "https://github.com/acme, https://github.com/acme/../evil/app.git, false",
    "https://github.com/acme, https://github.com/acme/%2e%2e/evil/app.git, false",
    "https://github.com/acme, https://github.com/acme/./app.git, false",
    "ssh://git@github.com/acme, git@github.com:acme/app.git, true",
    "git@github.com:acme, ssh://git@github.com/acme/app.git, true",
    "ssh://git@github.com/acme, ssh://deploy@github.com/acme/app.git, true",
    "ssh://git@github.com/acme, ssh://git@github.com:2222/acme/app.git, false",
    "ssh://git@github.com/acme, file:///srv/acme/app.git, false",
  })
  void anOriginCoversItsHostAndWholePathSegmentsBelowIt(
      String origin, String url, boolean covered) {
    CredentialOrigins origins = CredentialOrigins.parse("origins", List.of(origin));

    assertThat(origins.permits(GitUrl.parse(url))).isEqualTo(covered);
  }

  @Test
  void anOriginIsAnHttpsOrSshUrl() {
    for (String bad : List.of("http://github.com/acme", "git://github.com/acme", "/srv/git")) {
      assertThatThrownBy(() -> CredentialOrigins.parse("origins", List.of("https://ok/", bad)))
          .isInstanceOf(InvalidGitUrlException.class)
          .hasMessageContaining("origins[1]")
          .extracting(e -> ((InvalidGitUrlException) e).field())
          .isEqualTo("origins");
    }
    assertThatThrownBy(() -> CredentialOrigins.parse("origins", List.of("ext::sh -c evil")))
        .isInstanceOf(InvalidGitUrlException.class)
        .hasMessageContaining("origins[0]");
  }

  @Test
  void aSecretSentAsItIsNeedsOriginsAnSshKeyOrADecryptionKeyDoesNot() {
    GitUrl url = GitUrl.parse("https://github.com/acme/app.git");

    assertThat(CredentialOrigins.none().refusal("auth.credential", BOT, "token", url))
        .hasValueSatisfying(m -> assertThat(m).contains("names no origins"));
    assertThat(CredentialOrigins.none().refusal("auth.credential", BOT, "basic", url)).isPresent();
    assertThat(CredentialOrigins.none().refusal("auth.credential", BOT, "ssh-key", url)).isEmpty();
    assertThat(
            CredentialOrigins.parse("origins", List.of("ssh://github.com/other"))
                .refusal("auth.credential", BOT, "ssh-key", GitUrl.parse("git@github.com:acme/a")))
        .hasValueSatisfying(m -> assertThat(m).contains("may be sent only to"));
    assertThat(CredentialOrigins.applies("age-identity")).isFalse();
    assertThat(CredentialOrigins.applies("pgp-key")).isFalse();
  }
}
