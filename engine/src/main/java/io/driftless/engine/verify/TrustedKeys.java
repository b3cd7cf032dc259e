package io.driftless.engine.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/**
 * The OpenPGP public keys one source trusts, parsed from its ASCII-armored key blocks. Only these
 * keys count for that source: there is no shared or JVM-wide keyring.
 */
public final class TrustedKeys {
  private final List<PGPPublicKeyRing> rings;

  private TrustedKeys(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  /**
   * Parses armored public key blocks; each block may hold several keys. Use it to validate keys
   * when a source is registered.
   *
   * @throws IllegalArgumentException when a block is not an OpenPGP public key (a secret key block
   *     is refused too, so that no one stores a private key by mistake)
   */
  public static TrustedKeys parse(List<String> armoredKeys) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (int i = 0; i < armoredKeys.size(); i++) {
      String armored = armoredKeys.get(i);
      if (armored == null || armored.isBlank()) {
        throw new IllegalArgumentException("trusted key #" + (i + 1) + " is empty");
      }
      if (armored.contains("PRIVATE KEY BLOCK")) {
        throw new IllegalArgumentException(
            "trusted key #" + (i + 1) + " is a private key; give the public key only");
      }
      PGPPublicKeyRingCollection collection;
      try (InputStream in =
          PGPUtil.getDecoderStream(
              new ByteArrayInputStream(armored.strip().getBytes(StandardCharsets.US_ASCII)))) {
        collection = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      } catch (IOException | PGPException | RuntimeException e) {
        throw new IllegalArgumentException(
            "trusted key #"
                + (i + 1)
                + " is not an ASCII-armored OpenPGP public key: "
                + e.getMessage(),
            e);
      }
      if (collection.size() == 0) {
        throw new IllegalArgumentException("trusted key #" + (i + 1) + " holds no public key");
      }
      collection.forEach(rings::add);
    }
    return new TrustedKeys(rings);
  }

  /** A trusted key and the ring (primary key with its subkeys) it belongs to. */
  record Match(PGPPublicKeyRing ring, PGPPublicKey key) {}

  /** The trusted key with one of these identifiers (issuer key id or fingerprint), if any. */
  Match find(List<KeyIdentifier> identifiers) {
    for (KeyIdentifier id : identifiers) {
      if (id.isWildcard()) {
        continue;
      }
      for (PGPPublicKeyRing ring : rings) {
        PGPPublicKey key = ring.getPublicKey(id);
        if (key != null) {
          return new Match(ring, key);
        }
      }
    }
    return null;
  }

  /** How many keys (primary keys and subkeys) are trusted. */
  public int size() {
    int n = 0;
    for (PGPPublicKeyRing ring : rings) {
      for (PGPPublicKey ignored : (Iterable<PGPPublicKey>) ring::getPublicKeys) {
        n++;
      }
    }
    return n;
  }

  /** The upper-case hex fingerprints of the primary keys, for display. */
  public List<String> fingerprints() {
    return rings.stream().map(ring -> fingerprint(ring.getPublicKey())).toList();
  }

  static String fingerprint(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  static String keyId(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }
}
