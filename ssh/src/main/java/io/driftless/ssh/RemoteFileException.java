package io.driftless.ssh;

import java.util.Locale;
import java.util.Map;

/**
 * A file operation the host refused or that found something other than what it needs (no such file,
 * permission denied, a symlink or directory where a file must be, ...).
 */
public final class RemoteFileException extends RemoteHostException {
  /** What went wrong, in words a caller can branch on. */
  public enum Problem {
    NO_SUCH_FILE,
    PERMISSION_DENIED,
    ALREADY_EXISTS,
    NOT_A_FILE,
    NOT_A_DIRECTORY,
    SYMLINK,
    DIRECTORY_NOT_EMPTY,
    FAILURE
  }

  private final String operation;
  private final RemotePath path;
  private final Problem problem;

  RemoteFileException(
      SshHost host,
      String operation,
      RemotePath path,
      Problem problem,
      String message,
      Throwable cause) {
    super(
        "ssh.file",
        host,
        message,
        Map.of(
            "operation",
            operation,
            "path",
            path.toString(),
            "problem",
            problem.name().toLowerCase(Locale.ROOT)),
        cause);
    this.operation = operation;
    this.path = path;
    this.problem = problem;
  }

  public String operation() {
    return operation;
  }

  public RemotePath path() {
    return path;
  }

  public Problem problem() {
    return problem;
  }
}
