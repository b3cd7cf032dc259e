package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryUrlTest {
  @Test
  void httpsSshAndScpFormsOfOneRepositoryMatch() {
    RepositoryUrl https = RepositoryUrl.of("https://github.com/acme/site.git");
    assertThat(RepositoryUrl.of("https://github.com/acme/site")).isEqualTo(https);
    assertThat(RepositoryUrl.of("https://user:pw@GitHub.com/Acme/site/")).isEqualTo(https);
    assertThat(RepositoryUrl.of("ssh://git@github.com:22/acme/site.git")).isEqualTo(https);
    assertThat(RepositoryUrl.of("git@github.com:acme/site.git")).isEqualTo(https);
    assertThat(RepositoryUrl.of("github.com:acme/site")).isEqualTo(https);
    assertThat(RepositoryUrl.of("git://github.com/acme/site.git")).isEqualTo(https);
    assertThat(https.key()).isEqualTo("github.com/acme/site");
  }

  @Test
  void otherRepositoriesDoNotMatch() {
    RepositoryUrl site = RepositoryUrl.of("https://github.com/acme/site.git");
    assertThat(RepositoryUrl.of("https://github.com/acme/site2.git")).isNotEqualTo(site);
    assertThat(RepositoryUrl.of("https://gitlab.com/acme/site.git")).isNotEqualTo(site);
    assertThat(RepositoryUrl.of("git@github.com:other/site.git")).isNotEqualTo(site);
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
