package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsMetadata.AgeKey;
import io.driftless.engine.secrets.SopsMetadata.PgpKey;
import io.driftless.engine.secrets.SopsTree.Mapping;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Writes SOPS files as {@code sops} 3.10+ writes them: a fresh 32-byte data key encrypted for each
 * age and PGP recipient, every selected value as {@code ENC[AES256_GCM,...]} with its key path as
 * additional data, comments encrypted, and the MAC over the plaintext values encrypted with {@code
 * lastmodified} as additional data.
 */
public final class SopsEncryptor {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param clock gives {@code lastmodified} and the PGP keys' {@code created_at}
   */
  public SopsEncryptor(Clock clock) {
    this.clock = clock;
    this.random = new SecureRandom();
  }

  /** Encrypts with SOPS's default rule: all values except under keys ending in _unencrypted. */
  public byte[] encrypt(String path, byte[] plaintext, SopsRecipients recipients) {
    return encrypt(path, plaintext, recipients, EncryptionRule.defaults());
  }

  /**
   * Encrypts a plaintext file in the format its extension names.
   *
   * @throws SopsMalformedException when the plaintext does not parse, or is SOPS-encrypted already
   */
  public byte[] encrypt(
      String path, byte[] plaintext, SopsRecipients recipients, EncryptionRule rule) {
    if (plaintext.length > SopsLimits.MAX_FILE_BYTES) {
      throw new SopsMalformedException(
          path, 0, "is larger than " + SopsLimits.MAX_FILE_BYTES + " bytes, the limit for secrets");
    }
    SopsStore store = SopsFormat.forPath(path).store();
    List<Mapping> branches = store.readPlain(path, plaintext);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String lastModified = RFC3339.format(now);
    byte[] dataKey = new byte[DataKeys.KEY_BYTES];
    random.nextBytes(dataKey);
    ValueCipher cipher = new ValueCipher(dataKey, random);
    TreeCipher.Result result = TreeCipher.encrypt(path, branches, rule, cipher);
    String mac =
        cipher.encrypt(result.mac().getBytes(StandardCharsets.US_ASCII), "str", lastModified);
    List<AgeKey> age = new ArrayList<>();
    for (AgeRecipient r : recipients.age()) {
      age.add(new AgeKey(r.value(), DataKeys.forAge(dataKey, r)));
    }
    List<PgpKey> pgp = new ArrayList<>();
    for (PgpRecipient r : recipients.pgp()) {
      pgp.add(
          new PgpKey(
              lastModified, DataKeys.forPgp(dataKey, r, random, Date.from(now)), r.fingerprint()));
    }
    SopsMetadata metadata =
        new SopsMetadata(age, pgp, List.of(), lastModified, mac, rule, SopsMetadata.WRITER_VERSION);
    return store.writeEncrypted(result.branches(), metadata.toMapping());
  }
}
