package io.driftless.ssh;

import io.driftless.engine.domain.CommandResult;
import java.time.Duration;

/**
 * How a command run over SSH ended.
 *
 * @param exitCode the exit status, or -1 when there was none (timed out, killed by a signal)
 * @param exitSignal the signal that ended it ({@code KILL}, {@code TERM}, ...), or empty
 * @param timedOut whether it ran past its timeout and was killed
 * @param output standard output and standard error, interleaved as they arrived, cut to their last
 *     bytes when there were too many (a marker says how many were cut)
 */
public record ExecResult(
    int exitCode, String exitSignal, boolean timedOut, Duration duration, String output) {
  public ExecResult {
    exitSignal = exitSignal == null ? "" : exitSignal;
    output = output == null ? "" : output;
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
  }

  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** The engine's record of a command's outcome, under {@code name} (postApply, healthCheck). */
  public CommandResult toCommandResult(String name) {
    String text =
        exitSignal.isEmpty() || timedOut
            ? output
            : output
                + (output.isEmpty() || output.endsWith("\n") ? "" : "\n")
                + "[ended by signal "
                + exitSignal
                + "]";
    return new CommandResult(name, exitCode, timedOut, duration, text);
  }
}
