package io.driftless.engine.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * A private key that may decrypt a SOPS file's data key: an age X25519 identity or an OpenPGP
 * secret key. {@link #toString()} shows only the public part.
 */
public sealed interface DecryptionIdentity permits AgeIdentity, PgpIdentity {

  /** The public part: an age recipient ({@code age1...}) or a PGP fingerprint. */
  String publicPart();

  /**
   * Reads every identity in a key file: armored PGP secret key blocks, or age identities (one
   * {@code AGE-SECRET-KEY-1...} per line; blank lines and {@code #} comments ignored, as age-keygen
   * writes them).
   *
   * @throws IllegalArgumentException naming the line or block that is not a usable key (never
   *     echoing its content)
   */
  static List<DecryptionIdentity> parseKeyFile(String text) {
    List<DecryptionIdentity> all = new ArrayList<>();
    if (text.contains(PgpIdentity.BEGIN)) {
      all.addAll(PgpIdentity.parse(text));
    } else {
      all.addAll(AgeIdentity.parse(text));
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "holds no key: expected AGE-SECRET-KEY-1... lines or an armored PGP secret key");
    }
    return all;
  }
}
