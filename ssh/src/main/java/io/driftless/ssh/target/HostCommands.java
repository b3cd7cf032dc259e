package io.driftless.ssh.target;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.ssh.SshSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The post-apply and health-check commands of an ssh target, run on each host over SSH exec, as the
 * server's {@link CommandPolicy} (the same allow-list as local commands) allowed them when the
 * target was opened, so that a refused command fails the run before anything is written. Each run
 * is bounded by its timeout (the host kills its process group past it) and its output by {@link
 * #OUTPUT_LIMIT}.
 */
final class HostCommands {
  static final int OUTPUT_LIMIT = 64 * 1024;

  private final Remote postApply; // null: none configured
  private final Remote healthCheck; // null: none configured
  private final Clock clock;
  private final Duration pause;

  private record Remote(List<String> argv, Duration timeout) {
    static Remote of(CommandPolicy policy, String field, CommandSpec command) {
      return command == null
          ? null
          : new Remote(policy.remoteArgv(field, command), command.timeout());
    }

    CommandResult run(SshSession session, String name, Duration bound) {
      Duration limit = timeout.compareTo(bound) <= 0 ? timeout : bound;
      return session.exec(argv, limit, OUTPUT_LIMIT).toCommandResult(name);
    }
  }

  /**
   * @param pause between two runs of a failing health check
   * @throws CommandRefusedException when the policy refuses a command
   */
  HostCommands(TargetSpec.Ssh spec, CommandPolicy policy, Clock clock, Duration pause) {
    this.postApply = Remote.of(policy, "target.postApply", spec.postApply());
    this.healthCheck = Remote.of(policy, "target.healthCheck", spec.healthCheck());
    this.clock = clock;
    this.pause = pause;
  }

  /** Runs the post-apply command on the session's host, if there is one. */
  Optional<CommandResult> postApply(SshSession session) {
    return Optional.ofNullable(postApply)
        .map(command -> command.run(session, "postApply", command.timeout()));
  }

  /**
   * Runs the health check on the session's host until it exits 0 or {@code timeout} has passed;
   * healthy at once without one. Always runs at least once.
   */
  HealthReport health(SshSession session, Duration timeout) throws InterruptedException {
    if (healthCheck == null) {
      return HealthReport.healthy("no health check configured");
    }
    Instant deadline = clock.instant().plus(timeout);
    for (int attempt = 1; ; attempt++) {
      Duration left = Duration.between(clock.instant(), deadline);
      CommandResult result =
          healthCheck.run(
              session,
              "healthCheck",
              left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
      if (result.succeeded()) {
        return new HealthReport(Health.HEALTHY, "health check passed", result.output());
      }
      if (!clock.instant().plus(pause).isBefore(deadline)) {
        String how = result.timedOut() ? "timed out" : "exited " + result.exitCode();
        return new HealthReport(
            Health.DEGRADED,
            "health check did not pass within "
                + timeout
                + " ("
                + attempt
                + " attempts; last "
                + how
                + ")",
            result.output());
      }
      Thread.sleep(pause.toMillis());
    }
  }
}
