package io.driftless.engine.verify;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.git.Commit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.util.encoders.Hex;

/**
 * Checks a revision against its source's signature policy (the Verify step of a run). With mode
 * {@code HEAD} the commit must carry an OpenPGP signature that verifies against one of the source's
 * own trusted keys, made by a key that is neither revoked nor expired. Keys trusted by other
 * sources do not count.
 *
 * <p>Thread-safe; each policy's keys are parsed once and cached by their text.
 */
public final class SignatureVerifier implements CommitVerifier {
  private static final int MAX_CACHED_POLICIES = 256;

  private final Clock clock;
  private final ConcurrentMap<List<String>, TrustedKeys> parsed = new ConcurrentHashMap<>();

  /**
   * @param clock decides whether a key has expired
   */
  public SignatureVerifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SignatureVerifier() {
    this(Clock.systemUTC());
  }

  /**
   * @throws SignatureException when the policy requires a signature and the commit is unsigned, its
   *     signature does not verify, or the key is not trusted, revoked or expired
   */
  @Override
  public void verify(Source source, Commit commit) {
    check(source, commit);
  }

  /**
   * Verifies {@code commit} against {@code source}'s policy, like {@link #verify}, and tells who
   * signed it.
   *
   * @return the signature that satisfied the policy, or empty when the policy requires none
   * @throws SignatureException when the policy requires a signature and the commit is unsigned, its
   *     signature does not verify, or the key is not trusted, revoked or expired
   */
  public Optional<VerifiedSignature> check(Source source, Commit commit) {
    VerifyPolicy policy = source.verify();
    if (policy.mode() == VerifyPolicy.Mode.NONE) {
      return Optional.empty();
    }
    String sourceName = source.name().value();
    String revision = commit.revision().value();
    String what = "revision %s of source '%s'".formatted(revision, sourceName);
    if (!commit.signed()) {
      throw new SignatureException(
          sourceName,
          revision,
          what + " is not signed; the source requires commits signed by a trusted key");
    }
    TrustedKeys trusted = trustedKeys(sourceName, revision, policy);
    List<PGPSignature> signatures = signatures(sourceName, revision, what, commit.signature());
    String refusal = null;
    for (PGPSignature signature : signatures) {
      Result result = check(trusted, signature, commit.signedPayload());
      if (result.verified() != null) {
        return Optional.of(result.verified());
      }
      if (refusal == null) {
        refusal = result.refusal();
      }
    }
    throw new SignatureException(sourceName, revision, what + " " + refusal);
  }

  private record Result(VerifiedSignature verified, String refusal) {
    static Result refused(String why) {
      return new Result(null, why);
    }
  }

  private Result check(TrustedKeys trusted, PGPSignature signature, byte[] payload) {
    List<KeyIdentifier> issuers = signature.getKeyIdentifiers();
    String signer = describe(issuers, signature.getKeyID());
    int type = signature.getSignatureType();
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return Result.refused("has a signature of the wrong type (" + type + ") by key " + signer);
    }
    TrustedKeys.Match match = trusted.find(issuers);
    if (match == null) {
      return Result.refused(
          "is signed by key " + signer + ", which is not one of the source's trusted keys");
    }
    PGPPublicKey key = match.key();
    PGPPublicKey primary = match.ring().getPublicKey();
    String keyName = TrustedKeys.fingerprint(key);
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), key);
      signature.update(payload);
      if (!signature.verify()) {
        return Result.refused(
            "has a bad signature by key " + keyName + ": the commit does not match its signature");
      }
    } catch (PGPException | RuntimeException e) {
      return Result.refused(
          "has a signature by key " + keyName + " that cannot be checked: " + e.getMessage());
    }
    if (!key.isMasterKey() && !certified(key, primary, PGPSignature.SUBKEY_BINDING)) {
      return Result.refused(
          "is signed by subkey " + keyName + ", which is not bound to its trusted primary key");
    }
    if (certified(primary, primary, PGPSignature.KEY_REVOCATION)
        || (!key.isMasterKey() && certified(key, primary, PGPSignature.SUBKEY_REVOCATION))) {
      return Result.refused("is signed by key " + keyName + ", which has been revoked");
    }
    Instant now = clock.instant();
    Instant signedAt = signature.getCreationTime().toInstant();
    for (PGPPublicKey k : key.isMasterKey() ? List.of(key) : List.of(key, primary)) {
      Optional<Instant> expiry = expiry(k);
      if (expiry.isPresent() && (!now.isBefore(expiry.get()) || signedAt.isAfter(expiry.get()))) {
        return Result.refused("is signed by key " + keyName + ", which expired on " + expiry.get());
      }
      if (signedAt.isBefore(k.getCreationTime().toInstant())) {
        return Result.refused(
            "is signed by key " + keyName + " with a signature older than the key");
      }
    }
    String userId = firstUserId(primary);
    return new Result(
        new VerifiedSignature(TrustedKeys.fingerprint(primary), keyName, userId, signedAt), null);
  }

  /** True when {@code key} carries a signature of {@code type} made by {@code primary}. */
  private static boolean certified(PGPPublicKey key, PGPPublicKey primary, int type) {
    Iterator<PGPSignature> it = key.getSignaturesOfType(type);
    while (it.hasNext()) {
      PGPSignature certification = it.next();
      try {
        certification.init(new BcPGPContentVerifierBuilderProvider(), primary);
        boolean valid =
            key == primary
                ? certification.verifyCertification(primary)
                : certification.verifyCertification(primary, key);
        if (valid) {
          return true;
        }
      } catch (PGPException | RuntimeException e) {
        // a malformed certification proves nothing; look at the next one
      }
    }
    return false;
  }

  private static Optional<Instant> expiry(PGPPublicKey key) {
    long seconds = key.getValidSeconds();
    if (seconds <= 0) {
      return Optional.empty();
    }
    return Optional.of(key.getCreationTime().toInstant().plusSeconds(seconds));
  }

  private static String firstUserId(PGPPublicKey primary) {
    Iterator<String> ids = primary.getUserIDs();
    return ids.hasNext() ? ids.next() : "";
  }

  private static String describe(List<KeyIdentifier> issuers, long keyId) {
    for (KeyIdentifier id : issuers) {
      if (id.getFingerprint() != null) {
        return Hex.toHexString(id.getFingerprint()).toUpperCase(Locale.ROOT);
      }
    }
    return keyId == 0 ? "(no issuer)" : TrustedKeys.keyId(keyId);
  }

  private static List<PGPSignature> signatures(
      String source, String revision, String what, byte[] armored) {
    String text = new String(armored, StandardCharsets.US_ASCII).strip();
    if (text.startsWith("-----BEGIN SSH SIGNATURE-----")) {
      throw new SignatureException(
          source, revision, what + " has an SSH signature; only OpenPGP signatures are accepted");
    }
    if (!text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      throw new SignatureException(
          source, revision, what + " has a signature that is not an OpenPGP signature");
    }
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
      PGPObjectFactory objects = new BcPGPObjectFactory(in);
      Object next = objects.nextObject();
      if (next instanceof PGPCompressedData compressed) {
        objects = new BcPGPObjectFactory(compressed.getDataStream());
        next = objects.nextObject();
      }
      List<PGPSignature> signatures = new ArrayList<>();
      if (next instanceof PGPSignatureList list) {
        list.forEach(signatures::add);
      }
      if (signatures.isEmpty()) {
        throw new IOException("no signature packet");
      }
      return signatures;
    } catch (IOException | PGPException | RuntimeException e) {
      throw new SignatureException(
          source, revision, what + " has an unreadable OpenPGP signature: " + e.getMessage());
    }
  }

  private TrustedKeys trustedKeys(String source, String revision, VerifyPolicy policy) {
    TrustedKeys keys = parsed.get(policy.trustedKeys());
    if (keys != null) {
      return keys;
    }
    try {
      keys = TrustedKeys.parse(policy.trustedKeys());
    } catch (IllegalArgumentException e) {
      throw new SignatureException(
          source, revision, "source '%s': %s".formatted(source, e.getMessage()));
    }
    if (parsed.size() >= MAX_CACHED_POLICIES) {
      parsed.clear(); // policies change rarely; a full cache means churn, so start over
    }
    parsed.put(policy.trustedKeys(), keys);
    return keys;
  }
}
