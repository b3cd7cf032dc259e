package io.driftless.engine.process;

import java.time.Duration;

/**
 * How a process ended, with what it said.
 *
 * @param exitCode the exit code when {@link Ending#EXITED}, {@link #NOT_STARTED} when it could not
 *     start, -1 otherwise
 * @param startFailure why it could not start; null otherwise
 * @param stderr null when standard error was merged into {@code stdout}
 */
public record ProcessResult(
    Ending ending,
    int exitCode,
    Duration duration,
    BoundedOutput stdout,
    BoundedOutput stderr,
    String startFailure) {

  /** Exit code reported when the program could not be started at all, as a shell would. */
  public static final int NOT_STARTED = 127;

  /** How a process ended. */
  public enum Ending {
    /** It exited by itself; see the exit code. */
    EXITED,
    /** It outlived its timeout, and its tree was killed. */
    TIMED_OUT,
    /** The calling thread was interrupted; the tree was killed and the interrupt flag kept. */
    INTERRUPTED,
    /** The program could not be started. */
    NOT_STARTED
  }

  public boolean exited() {
    return ending == Ending.EXITED;
  }

  public boolean succeeded() {
    return ending == Ending.EXITED && exitCode == 0;
  }
}
