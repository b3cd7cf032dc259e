package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryUrlTest {
  private static final RepositoryUrl SITE = RepositoryUrl.of("https://github.com/acme/site.git");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/acme/site",
        "https://user:pw@GitHub.com/Acme/site/",
        "ssh://git@github.com:22/acme/site.git",
        "git@github.com:acme/site.git",
        "github.com:acme/site",
        "git://github.com/acme/site.git"
      })
  void httpsSshAndScpFormsOfOneRepositoryMatch(String form) {
    assertThat(RepositoryUrl.of(form)).isEqualTo(SITE);
  }

  @Test
  void theKeyIsHostAndPathWithoutSuffix() {
    assertThat(SITE.key()).isEqualTo("github.com/acme/site");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/acme/site2.git",
        "https://gitlab.com/acme/site.git",
        "git@github.com:other/site.git"
      })
  void otherRepositoriesDoNotMatch(String other) {
    assertThat(RepositoryUrl.of(other)).isNotEqualTo(SITE);
  }

  @Test
  void fileUrlsMatchTheirPath() {
    assertThat(RepositoryUrl.of("file:///tmp/repo/"))
        .isEqualTo(RepositoryUrl.of("file:/tmp/repo"))
        .isEqualTo(RepositoryUrl.of("/tmp/repo.git"));
  }

  @Test
  void blankIsNothing() {
    assertThat(RepositoryUrl.of(" ")).isNull();
    assertThat(RepositoryUrl.of(null)).isNull();
  }
}
