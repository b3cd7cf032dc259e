package io.driftless.api.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An allowed target root that contains, or lies inside, one of the server's own files refuses the
 * start with one line naming both paths; the default {@code <dataDir>/targets} is valid.
 */
class ServerFilesTest {
  private static final String WHY = "; a directory target must never reach the server's own files";

  @TempDir Path tmp;

  private DriftlessConfiguration config(String... roots) {
    DriftlessConfiguration config = new DriftlessConfiguration();
    config.setDataDir(tmp.resolve("data").toString());
    config.setTargets(roots.length == 0 ? null : new TargetsConfig(List.of(roots)));
    return config;
  }

  @Test
  void theDefaultRootIsValid() {
    assertThatCode(() -> ServerFiles.checkTargetRoots(config())).doesNotThrowAnyException();
  }

  @Test
  void aRootContainingTheDatabaseIsRefused() {
    Path data = tmp.resolve("data");
    assertThatThrownBy(() -> ServerFiles.checkTargetRoots(config(data.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "targets.allowedRoots: "
                + data
                + " contains the H2 database "
                + data.resolve("driftless.mv.db")
                + WHY);
  }

  @Test
  void aRootInsideTheGitWorkDirectoryIsRefused() {
    Path git = tmp.resolve("data/git");
    assertThatThrownBy(() -> ServerFiles.checkTargetRoots(config(git.resolve("site").toString())))
        .hasMessage(
            "targets.allowedRoots: "
                + git.resolve("site")
                + " lies inside git.workDir "
                + git
                + WHY);
  }

  @Test
  void rootsHoldingTheKeyOrTheAdminTokenAreRefused() {
    DriftlessConfiguration config = config(tmp.resolve("secrets").toString());
    config.setAuth(new AuthConfig(tmp.resolve("secrets/admin.token").toString(), null));
    assertThatThrownBy(() -> ServerFiles.checkTargetRoots(config))
        .hasMessage(
            "targets.allowedRoots: "
                + tmp.resolve("secrets")
                + " contains the admin token file "
                + tmp.resolve("secrets/admin.token")
                + WHY);
    DriftlessConfiguration key = config(tmp.resolve("keys").toString());
    key.setDatabase(
        new DatabaseConfig(
            null, null, null, null, null, tmp.resolve("keys/secrets.key").toString(), null));
    assertThatThrownBy(() -> ServerFiles.checkTargetRoots(key))
        .hasMessageContaining(" contains the secrets key file " + tmp.resolve("keys/secrets.key"));
  }
}
