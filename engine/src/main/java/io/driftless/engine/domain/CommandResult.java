package io.driftless.engine.domain;

import java.time.Duration;

/**
 * The outcome of a command an environment runs (post-apply, health check).
 *
 * @param exitCode the exit code, or -1 when it timed out
 * @param output standard output and error, interleaved and cut to a bound
 */
public record CommandResult(
    String name, int exitCode, boolean timedOut, Duration duration, String output) {
  public CommandResult {
    output = output == null ? "" : output;
  }

  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }
}
