package io.driftless.engine.git;

import java.util.Map;

/**
 * The remote could not be reached, timed out or refused the credentials. The message names the
 * source and URL, never a credential.
 */
public final class GitAccessException extends GitException {
  public enum Reason {
    UNREACHABLE,
    AUTH,
    TIMEOUT,
    OTHER
  }

  private final String source;
  private final String url;
  private final Reason reason;

  public GitAccessException(
      String source, String url, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.url = url;
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String code() {
    return reason == Reason.AUTH ? "git.auth" : "git.unreachable";
  }

  @Override
  public Map<String, String> details() {
    return Map.of(
        "source", source, "url", url, "reason", reason.name().toLowerCase(java.util.Locale.ROOT));
  }
}
