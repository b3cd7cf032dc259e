package io.driftless.api.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ready when the Git work directory (the cached clones) can be written: fetches need it. */
public final class GitWorkDirHealthCheck extends HealthCheck {
  private final Path workDir;

  public GitWorkDirHealthCheck(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  protected Result check() {
    try {
      Files.createDirectories(workDir);
      Path probe = Files.createTempFile(workDir, ".health", ".tmp");
      Files.delete(probe);
      return Result.healthy(workDir.toString());
    } catch (IOException e) {
      return Result.unhealthy("cannot write to " + workDir + ": " + e.getMessage());
    }
  }
}
