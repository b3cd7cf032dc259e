package io.driftless.cli.client;

/**
 * A failure the user can act on: its message is the one line printed (what is wrong and what to
 * do), and it carries the exit code.
 */
public final class CliException extends RuntimeException {
  /** The command did what was asked and the answer is yes (synced, nothing to change). */
  public static final int OK = 0;

  /** The command worked and the answer is no: a run failed, a diff has changes, a render failed. */
  public static final int NO = 1;

  /** The command could not do its job: bad input, unreachable server, refused token, not found. */
  public static final int ERROR = 2;

  private final int exitCode;

  public CliException(String message) {
    this(message, ERROR, null);
  }

  public CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
