package io.driftless.engine.secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/**
 * An OpenPGP secret key (a primary key with its subkeys) without a passphrase, identified by the
 * fingerprint of its primary key, as SOPS names PGP recipients.
 */
public final class PgpIdentity implements DecryptionIdentity {
  static final String BEGIN = "-----BEGIN PGP PRIVATE KEY BLOCK-----";
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN PGP PRIVATE KEY BLOCK-----.*?-----END PGP PRIVATE KEY BLOCK-----",
          Pattern.DOTALL);

  private final PGPSecretKeyRing ring;
  private final String fingerprint;

  private PgpIdentity(PGPSecretKeyRing ring) {
    this.ring = ring;
    this.fingerprint = fingerprint(ring.getPublicKey().getFingerprint());
  }

  /**
   * Reads every secret key in armored {@code PGP PRIVATE KEY BLOCK}s (gpg --export-secret-keys
   * --armor).
   *
   * @throws IllegalArgumentException when a block does not parse or a key needs a passphrase
   */
  public static List<PgpIdentity> parse(String armored) {
    List<PgpIdentity> identities = new ArrayList<>();
    Matcher m = BLOCK.matcher(armored);
    int block = 0;
    while (m.find()) {
      block++;
      PGPSecretKeyRingCollection rings;
      try (InputStream in =
          PGPUtil.getDecoderStream(
              new ByteArrayInputStream(m.group().getBytes(StandardCharsets.US_ASCII)))) {
        rings = new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator());
      } catch (IOException | PGPException | RuntimeException e) {
        throw new IllegalArgumentException(
            "PGP private key block #" + block + " does not parse as an OpenPGP secret key");
      }
      for (PGPSecretKeyRing ring : rings) {
        PgpIdentity identity = new PgpIdentity(ring);
        for (PGPSecretKey key : ring) {
          if (!key.isPrivateKeyEmpty() && key.getS2KUsage() != SecretKeyPacket.USAGE_NONE) {
            throw new IllegalArgumentException(
                "PGP key "
                    + identity.fingerprint
                    + " is protected by a passphrase; export a copy without one for Driftless"
                    + " (gpg --edit-key, passwd)");
          }
        }
        identities.add(identity);
      }
    }
    if (block == 0 && armored.contains(BEGIN)) {
      throw new IllegalArgumentException("the PGP private key block is not terminated");
    }
    return identities;
  }

  /** The primary key's fingerprint, uppercase hex, as SOPS writes it in {@code fp}. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String publicPart() {
    return fingerprint;
  }

  /** The private (sub)key with this identifier, or null when this ring has none usable. */
  PGPPrivateKey privateKey(KeyIdentifier id) {
    Iterator<PGPSecretKey> keys = id.isWildcard() ? ring.getSecretKeys() : ring.getSecretKeys(id);
    while (keys.hasNext()) {
      PGPSecretKey key = keys.next();
      if (key.isPrivateKeyEmpty()) {
        continue;
      }
      try {
        return key.extractPrivateKey(null);
      } catch (PGPException e) {
        // not usable; try the next
      }
    }
    return null;
  }

  /** Every private key of the ring, for recipients hidden behind a wildcard key id. */
  List<PGPPrivateKey> allPrivateKeys() {
    List<PGPPrivateKey> all = new ArrayList<>();
    for (PGPSecretKey key : ring) {
      if (!key.isPrivateKeyEmpty()) {
        try {
          all.add(key.extractPrivateKey(null));
        } catch (PGPException e) {
          // skip
        }
      }
    }
    return all;
  }

  static String fingerprint(byte[] fp) {
    return Hex.toHexString(fp).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "PgpIdentity[" + fingerprint + "]";
  }
}
