package io.driftless.engine.git;

import io.driftless.engine.domain.Source;
import java.util.Locale;
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

  private final Reason reason;

  public GitAccessException(
      String source, String url, Reason reason, String message, Throwable cause) {
    super(
        reason == Reason.AUTH ? "git.auth" : "git.unreachable",
        message,
        Map.of("source", source, "url", url, "reason", reason.name().toLowerCase(Locale.ROOT)),
        cause);
    this.reason = reason;
  }

  /**
   * The failure of a caller that waited for another caller's remote call of {@code source}: it was
   * interrupted ({@link Reason#OTHER}) or waited too long ({@link Reason#TIMEOUT}).
   */
  public static GitAccessException whileWaiting(
      Source source, Reason reason, String message, Throwable cause) {
    return new GitAccessException(
        source.name().value(),
        source.url().replaceAll("//[^/@]*@", "//"),
        reason,
        "source '%s': %s".formatted(source.name(), message),
        cause);
  }

  public Reason reason() {
    return reason;
  }
}
