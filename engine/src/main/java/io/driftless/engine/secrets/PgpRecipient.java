package io.driftless.engine.secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * An OpenPGP public key a SOPS data key is encrypted for: named by its primary key's fingerprint,
 * encrypted to its first encryption-capable (sub)key.
 */
public final class PgpRecipient {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----.*?-----END PGP \\1 KEY BLOCK-----",
          Pattern.DOTALL);

  private final String fingerprint;
  private final PGPPublicKey encryptionKey;

  private PgpRecipient(PGPPublicKeyRing ring) {
    this.fingerprint = PgpIdentity.fingerprint(ring.getPublicKey().getFingerprint());
    PGPPublicKey chosen = null;
    for (PGPPublicKey key : ring) {
      if (key.isEncryptionKey() && !key.hasRevocation()) {
        chosen = key;
        if (!key.isMasterKey()) {
          break;
        }
      }
    }
    if (chosen == null) {
      throw new IllegalArgumentException("PGP key " + fingerprint + " has no encryption key");
    }
    this.encryptionKey = chosen;
  }

  /**
   * Reads every key in armored public key blocks (gpg --export --armor); a secret key block is
   * accepted too, and only its public part is used.
   *
   * @throws IllegalArgumentException when a block does not parse or a key cannot encrypt
   */
  public static List<PgpRecipient> parse(String armored) {
    List<PgpRecipient> recipients = new ArrayList<>();
    Matcher m = BLOCK.matcher(armored);
    int block = 0;
    while (m.find()) {
      block++;
      try (InputStream in =
          PGPUtil.getDecoderStream(
              new ByteArrayInputStream(m.group().getBytes(StandardCharsets.US_ASCII)))) {
        if (m.group(1).equals("PUBLIC")) {
          for (PGPPublicKeyRing ring :
              new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
            recipients.add(new PgpRecipient(ring));
          }
        } else {
          for (PGPSecretKeyRing ring :
              new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
            List<PGPPublicKey> keys = new ArrayList<>();
            ring.getPublicKeys().forEachRemaining(keys::add);
            recipients.add(new PgpRecipient(new PGPPublicKeyRing(keys)));
          }
        }
      } catch (IOException | PGPException | RuntimeException e) {
        if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("PGP key")) {
          throw iae;
        }
        throw new IllegalArgumentException(
            "PGP key block #" + block + " does not parse as an OpenPGP key");
      }
    }
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException(
          "holds no armored PGP public key (gpg --export --armor FINGERPRINT)");
    }
    return recipients;
  }

  /** The primary key's fingerprint, uppercase hex, as SOPS writes it in {@code fp}. */
  public String fingerprint() {
    return fingerprint;
  }

  PGPPublicKey encryptionKey() {
    return encryptionKey;
  }

  @Override
  public String toString() {
    return "PgpRecipient[" + fingerprint + "]";
  }
}
