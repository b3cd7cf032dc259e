package io.driftless.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicSubkeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/**
 * An OpenPGP key made with BouncyCastle for tests (Ed25519, fast to generate): its armored public
 * key is what a source trusts, and {@link #sign(byte[])} makes the armored detached signature Git
 * stores in a commit's {@code gpgsig} header. No gpg binary or keyring is involved.
 */
public final class TestPgpKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PGPKeyPair pair;
  private final PGPPublicKeyRing publicRing;

  private TestPgpKey(PGPKeyPair pair, PGPPublicKeyRing publicRing) {
    this.pair = pair;
    this.publicRing = publicRing;
  }

  public static TestPgpKey generate(String userId) {
    return generate(userId, Instant.now().minusSeconds(60), null);
  }

  /**
   * @param created the key's creation time
   * @param validFor how long after creation the key expires; null for never
   */
  public static TestPgpKey generate(String userId, Instant created, Duration validFor) {
    try {
      PGPKeyPair pair = ed25519(Date.from(created));
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      if (validFor != null) {
        hashed.setKeyExpirationTime(false, validFor.toSeconds());
      }
      PGPDigestCalculator sha1 = new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1);
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              pair,
              userId,
              sha1,
              hashed.generate(),
              null,
              signer(),
              null);
      return new TestPgpKey(pair, rings.generatePublicKeyRing());
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A primary key that only certifies, with a bound signing subkey; {@link #sign(byte[])} then
   * signs with the subkey, as many gpg setups do.
   */
  public static TestPgpKey withSigningSubkey(String userId) {
    try {
      Date now = Date.from(Instant.now().minusSeconds(60));
      PGPKeyPair primary = ed25519(now);
      PGPKeyPair subkey = ed25519(now);
      PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
      primaryFlags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER);
      PGPSignatureSubpacketGenerator subkeyFlags = new PGPSignatureSubpacketGenerator();
      subkeyFlags.setKeyFlags(false, KeyFlags.SIGN_DATA);
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              primary,
              userId,
              new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
              primaryFlags.generate(),
              null,
              signer(),
              null);
      rings.addSubKey(subkey, subkeyFlags.generate(), null);
      return new TestPgpKey(subkey, rings.generatePublicKeyRing());
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A subkey of this key's primary key that was never bound to it: a forged ring entry. */
  public TestPgpKey withUnboundSubkey() {
    try {
      PGPKeyPair stray = ed25519(Date.from(Instant.now().minusSeconds(60)));
      PGPPublicKey asSubkey =
          new PGPPublicKey(
              new PublicSubkeyPacket(
                  stray.getPublicKey().getVersion(),
                  stray.getPublicKey().getAlgorithm(),
                  stray.getPublicKey().getCreationTime(),
                  stray.getPublicKey().getPublicKeyPacket().getKey()),
              new BcKeyFingerprintCalculator());
      PGPKeyPair signing = new PGPKeyPair(asSubkey, stray.getPrivateKey());
      return new TestPgpKey(signing, PGPPublicKeyRing.insertPublicKey(publicRing, asSubkey));
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PGPKeyPair ed25519(Date created) throws PGPException {
    Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
    generator.init(new Ed25519KeyGenerationParameters(RANDOM));
    return new BcPGPKeyPair(
        PublicKeyAlgorithmTags.EDDSA_LEGACY, generator.generateKeyPair(), created);
  }

  /** The same key with a revocation certificate in its public key. */
  public TestPgpKey revoked() {
    try {
      PGPSignatureGenerator generator = new PGPSignatureGenerator(signer(), pair.getPublicKey());
      generator.init(PGPSignature.KEY_REVOCATION, pair.getPrivateKey());
      PGPPublicKey primary = publicRing.getPublicKey();
      PGPSignature revocation = generator.generateCertification(primary);
      PGPPublicKey revokedKey = PGPPublicKey.addCertification(primary, revocation);
      return new TestPgpKey(pair, PGPPublicKeyRing.insertPublicKey(publicRing, revokedKey));
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key block, as an admin pastes it into a source's {@code trustedKeys}. */
  public String armoredPublicKey() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      publicRing.encode(armor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Upper-case hex fingerprint of the primary key. */
  public String fingerprint() {
    return Hex.toHexString(publicRing.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** Upper-case hex fingerprint of the key that {@link #sign(byte[])} uses. */
  public String signingFingerprint() {
    return Hex.toHexString(pair.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
  }

  /** A detached, ASCII-armored binary signature over {@code payload}, as {@code git} makes. */
  public String sign(byte[] payload) {
    try {
      PGPSignatureGenerator generator = new PGPSignatureGenerator(signer(), pair.getPublicKey());
      generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, new Date());
      hashed.setIssuerFingerprint(false, pair.getPublicKey());
      generator.setHashedSubpackets(hashed.generate());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, pair.getKeyID());
      generator.setUnhashedSubpackets(unhashed.generate());
      generator.update(payload);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
        generator.generate().encode(armor);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BcPGPContentSignerBuilder signer() {
    return new BcPGPContentSignerBuilder(
        PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256);
  }
}
