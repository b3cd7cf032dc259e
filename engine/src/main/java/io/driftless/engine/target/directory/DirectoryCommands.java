package io.driftless.engine.target.directory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.TargetSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-apply and health-check commands of a directory target, run in its root with only {@code
 * PATH} and {@code DRIFTLESS_TARGET_ROOT} set.
 */
final class DirectoryCommands {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryCommands.class);
  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Duration MIN_HEALTH_RUN = Duration.ofSeconds(1);

  private final TargetSpec.Directory spec;
  private final Path root;
  private final Clock clock;
  private final Seams seams;

  DirectoryCommands(TargetSpec.Directory spec, Path root, Clock clock, Seams seams) {
    this.spec = spec;
    this.root = root;
    this.clock = clock;
    this.seams = seams;
  }

  /** See {@link DirectoryTarget#postApply}. */
  Optional<CommandResult> postApply() {
    return spec.postApplyCommand()
        .map(command -> runner().run("postApply", command, command.timeout()));
  }

  /** See {@link DirectoryTarget#health}. */
  HealthReport health(Duration timeout) {
    Optional<CommandSpec> check = spec.healthCheckCommand();
    if (check.isEmpty()) {
      return HealthReport.healthy("no health check configured");
    }
    CommandSpec command = check.get();
    CommandRunner runner = runner();
    Instant deadline = clock.instant().plus(timeout);
    int attempts = 0;
    while (true) {
      // A run is cut to what is left, but always gets a fair chance; the deadline may be
      // overshot by at most MIN_HEALTH_RUN.
      Duration left = Duration.between(clock.instant(), deadline);
      Duration bound =
          min(command.timeout(), left.compareTo(MIN_HEALTH_RUN) < 0 ? MIN_HEALTH_RUN : left);
      CommandResult result = runner.run("healthCheck", command, bound);
      attempts++;
      if (result.succeeded()) {
        return new HealthReport(
            Health.HEALTHY,
            "health check passed" + (attempts > 1 ? " after " + attempts + " attempts" : ""),
            result.output());
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        return degraded(timeout, attempts, result);
      }
      Duration pause = min(seams.healthInterval(), Duration.between(now, deadline));
      try {
        seams.sleeper().sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HealthReport(Health.UNKNOWN, "interrupted while waiting", result.output());
      }
      if (!clock.instant().isBefore(deadline)) {
        return degraded(timeout, attempts, result);
      }
    }
  }

  private HealthReport degraded(Duration timeout, int attempts, CommandResult last) {
    String outcome =
        last.timedOut() ? "timed out after " + last.duration() : "exited " + last.exitCode();
    String message =
        "health check did not pass within "
            + timeout
            + " ("
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "; last "
            + outcome
            + ")";
    LOG.warn("{} for {}", message, root);
    return new HealthReport(Health.DEGRADED, message, last.output());
  }

  private CommandRunner runner() {
    String path = System.getenv("PATH");
    return new CommandRunner(
        root,
        Map.of(
            "PATH",
            path == null || path.isBlank() ? DEFAULT_PATH : path,
            "DRIFTLESS_TARGET_ROOT",
            root.toString()));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
