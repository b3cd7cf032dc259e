package io.driftless.api.config;

import io.driftless.engine.git.JGitMirror;
import io.dropwizard.util.Duration;
import java.nio.file.Path;

/**
 * Where the cached bare clones live and how long a remote may take.
 *
 * @param workDir null for {@code <dataDir>/git}
 */
public record GitConfig(String workDir, Duration timeout) {
  public GitConfig {
    workDir = workDir == null || workDir.isBlank() ? null : workDir;
    timeout = timeout == null ? Duration.seconds(JGitMirror.DEFAULT_TIMEOUT.toSeconds()) : timeout;
    if (timeout.toMilliseconds() <= 0) {
      throw new IllegalArgumentException("git.timeout must be positive");
    }
  }

  public static GitConfig defaults() {
    return new GitConfig(null, null);
  }

  public Path workDir(Path dataDir) {
    return workDir == null ? dataDir.resolve("git") : Path.of(workDir).toAbsolutePath().normalize();
  }

  public JGitMirror buildMirror(Path dataDir) {
    return new JGitMirror(workDir(dataDir), timeout.toJavaDuration());
  }
}
