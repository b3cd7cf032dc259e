package io.driftless.engine.domain;

import java.time.Duration;
import java.util.List;

/**
 * A command an admin registered on an environment (never read from a repository), with a timeout. A
 * single-element argv is one command line: plain words run as they are, anything with shell syntax
 * through {@code /bin/sh -c}. What may run, and how, is {@link
 * io.driftless.engine.process.CommandPolicy}'s to say.
 */
public record CommandSpec(List<String> argv, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public CommandSpec {
    if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    argv = List.copyOf(argv);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("command timeout must be positive");
    }
  }

  public static CommandSpec shell(String command) {
    return new CommandSpec(List.of(command), DEFAULT_TIMEOUT);
  }
}
