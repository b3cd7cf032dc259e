package io.driftless.engine.git;

import io.driftless.engine.domain.Revision;
import java.time.Instant;
import java.util.Objects;

/**
 * A commit's metadata, and for signature checks its OpenPGP signature with the payload it signs.
 *
 * @param signature the ASCII-armored {@code gpgsig} header, null when unsigned
 * @param signedPayload the raw commit object without the {@code gpgsig} header
 */
public record Commit(
    Revision revision,
    String message,
    String authorName,
    String authorEmail,
    Instant time,
    byte[] signature,
    byte[] signedPayload) {
  public Commit {
    Objects.requireNonNull(revision, "revision");
    message = message == null ? "" : message;
  }

  public boolean signed() {
    return signature != null && signature.length > 0;
  }

  /** The first line of the message. */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
