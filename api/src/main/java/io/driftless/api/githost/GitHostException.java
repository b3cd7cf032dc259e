package io.driftless.api.githost;

/**
 * A Git host call failed. The message names the host, method, path and HTTP status only: never the
 * token, never the response body (which a host may fill with the request it refused).
 */
public final class GitHostException extends RuntimeException {
  private final int status;

  public GitHostException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
