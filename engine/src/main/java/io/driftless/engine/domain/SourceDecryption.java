package io.driftless.engine.domain;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keys a source's SOPS files are decrypted with during a sync, besides the server's own key
 * files: named credentials of type {@code age-identity} or {@code pgp-key}. Several at once, so a
 * key can be rotated without a window where files do not decrypt.
 *
 * @param identities credential names, in the order given, without repeats
 */
public record SourceDecryption(List<CredentialName> identities) {
  public static final int MAX_IDENTITIES = 20;
  private static final SourceDecryption NONE = new SourceDecryption(List.of());

  public SourceDecryption {
    identities = identities == null ? List.of() : List.copyOf(new LinkedHashSet<>(identities));
    if (identities.size() > MAX_IDENTITIES) {
      throw new IllegalArgumentException(
          "decryption.identities: at most " + MAX_IDENTITIES + " identities");
    }
  }

  /** No identities of the source's own: only the server's key files. */
  public static SourceDecryption none() {
    return NONE;
  }

  public boolean isEmpty() {
    return identities.isEmpty();
  }
}
