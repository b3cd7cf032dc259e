package io.driftless.engine.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Where an environment's desired state is applied. Only an admin's registration sets it. */
public sealed interface TargetSpec {

  String type();

  /**
   * A directory on the host.
   *
   * @param root absolute directory; must lie under a root the server allows
   * @param postApply run after a successful apply (e.g. reload nginx); may be null
   * @param healthCheck run until it exits 0 or {@code healthTimeout} passes; may be null
   * @param healthTimeout how long to wait for a healthy report
   */
  record Directory(
      Path root, CommandSpec postApply, CommandSpec healthCheck, Duration healthTimeout)
      implements TargetSpec {
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    public Directory {
      Objects.requireNonNull(root, "root");
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("directory target root must be absolute: " + root);
      }
      root = root.normalize();
      healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
    }

    public static Directory at(Path root) {
      return new Directory(root, null, null, null);
    }

    @Override
    public String type() {
      return "directory";
    }

    public Optional<CommandSpec> postApplyCommand() {
      return Optional.ofNullable(postApply);
    }

    public Optional<CommandSpec> healthCheckCommand() {
      return Optional.ofNullable(healthCheck);
    }
  }
}
