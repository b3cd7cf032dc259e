package io.driftless.engine.target.directory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-apply and health-check commands of a directory target, as its {@link CommandPolicy}
 * allowed and resolved them when the target was opened (so a refused command fails the run before
 * anything is written). Each runs in its own empty {@code HOME}, never in the root, with only
 * {@code PATH} (the policy's search path), {@code HOME} and {@code DRIFTLESS_TARGET_ROOT} set: a
 * command finds the files it needs through {@code DRIFTLESS_TARGET_ROOT}, and a file from Git in
 * the root is never what runs.
 */
final class DirectoryCommands {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryCommands.class);
  private static final Duration MIN_HEALTH_RUN = Duration.ofSeconds(1);

  private final Path root;
  private final Resolved postApply; // null: none configured
  private final Resolved healthCheck; // null: none configured
  private final CommandRunner runner;
  private final Clock clock;
  private final Seams seams;

  /** A command with the argv its policy resolved. */
  private record Resolved(List<String> argv, Duration timeout) {}

  /**
   * @throws CommandRefusedException when the policy refuses a command
   */
  DirectoryCommands(
      TargetSpec.Directory spec, Path root, CommandPolicy policy, Clock clock, Seams seams) {
    this.root = root;
    this.postApply = resolve(policy, "target.postApply", spec.postApply(), root);
    this.healthCheck = resolve(policy, "target.healthCheck", spec.healthCheck(), root);
    this.runner =
        new CommandRunner(
            Map.of("PATH", policy.searchPathVariable(), "DRIFTLESS_TARGET_ROOT", root.toString()));
    this.clock = clock;
    this.seams = seams;
  }

  private static Resolved resolve(
      CommandPolicy policy, String field, CommandSpec command, Path root) {
    return command == null
        ? null
        : new Resolved(policy.argv(field, command, root), command.timeout());
  }

  /** See {@link DirectoryTarget#postApply}. */
  Optional<CommandResult> postApply() {
    return Optional.ofNullable(postApply)
        .map(command -> runner.run("postApply", command.argv(), command.timeout()));
  }

  /** See {@link DirectoryTarget#health}. */
  HealthReport health(Duration timeout) {
    if (healthCheck == null) {
      return HealthReport.healthy("no health check configured");
    }
    Resolved command = healthCheck;
    Instant deadline = clock.instant().plus(timeout);
    int attempts = 0;
    while (true) {
      // A run is cut to what is left, but always gets a fair chance; the deadline may be
      // overshot by at most MIN_HEALTH_RUN.
      Duration left = Duration.between(clock.instant(), deadline);
      Duration bound =
          min(command.timeout(), left.compareTo(MIN_HEALTH_RUN) < 0 ? MIN_HEALTH_RUN : left);
      CommandResult result = runner.run("healthCheck", command.argv(), bound);
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
