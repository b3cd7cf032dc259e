package io.driftless.engine.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * A signature that satisfied a source's policy, for the run record and the audit trail.
 *
 * @param primaryKey fingerprint (upper-case hex) of the trusted primary key
 * @param signingKey fingerprint of the key that made the signature: the primary key or a subkey
 * @param userId the primary key's first user id, e.g. {@code Alice <alice@example.com>}
 * @param signedAt when the signature says it was made
 */
public record VerifiedSignature(
    String primaryKey, String signingKey, String userId, Instant signedAt) {
  public VerifiedSignature {
    Objects.requireNonNull(primaryKey, "primaryKey");
    Objects.requireNonNull(signingKey, "signingKey");
    userId = userId == null ? "" : userId;
    Objects.requireNonNull(signedAt, "signedAt");
  }
}
