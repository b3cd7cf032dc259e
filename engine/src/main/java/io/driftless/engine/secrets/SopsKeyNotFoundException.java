package io.driftless.engine.secrets;

import java.util.List;
import java.util.Map;

/**
 * None of the offered identities can decrypt the file's data key. The message names the file's
 * recipients (age recipients and PGP fingerprints) and the public part of each identity offered, so
 * that an operator sees which private key is missing.
 */
public final class SopsKeyNotFoundException extends SopsException {
  private final List<String> recipients;
  private final List<String> offered;

  SopsKeyNotFoundException(String file, List<String> recipients, List<String> offered) {
    super(
        "sops.no_key",
        file,
        0,
        "no decryption identity matches its data key: the file is encrypted for "
            + (recipients.isEmpty() ? "no age or PGP recipient" : String.join(", ", recipients))
            + "; offered "
            + (offered.isEmpty() ? "no identity" : String.join(", ", offered))
            + ". Add the private key of one of its recipients (an age key file or an armored"
            + " PGP secret key) as a decryption identity, or re-encrypt the file for a key you"
            + " have",
        Map.of("recipients", String.join(", ", recipients)));
    this.recipients = List.copyOf(recipients);
    this.offered = List.copyOf(offered);
  }

  /** The file's recipients: age recipients ({@code age1...}) and PGP fingerprints. */
  public List<String> recipients() {
    return recipients;
  }

  /** The public part of each identity that was offered and did not match. */
  public List<String> offered() {
    return offered;
  }
}
