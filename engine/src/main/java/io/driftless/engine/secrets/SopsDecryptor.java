package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decrypts SOPS files with no {@code sops} binary: recovers the data key with one of the offered
 * identities (age X25519 or OpenPGP; several may be offered, so keys can be rotated), decrypts
 * every value, and always verifies the MAC, so that a changed, swapped or removed value fails
 * instead of decrypting silently. Safe for concurrent use.
 */
public final class SopsDecryptor {
  private final List<DecryptionIdentity> identities;

  public SopsDecryptor(List<? extends DecryptionIdentity> identities) {
    this.identities = List.copyOf(identities);
  }

  /**
   * The plaintext of a SOPS file in its own format, without the SOPS metadata: YAML keeps key order
   * and comes back with its comments, JSON as JSON, dotenv as {@code KEY=value} lines, INI as
   * sections, a binary file as its bytes.
   *
   * @param path names the file in errors and chooses its format by extension
   * @throws SopsKeyNotFoundException when no identity can decrypt the data key
   * @throws SopsMacMismatchException when the content is not what was encrypted
   * @throws SopsMalformedException when the file does not parse or is not SOPS-encrypted
   * @throws SopsUnsupportedException for SOPS features Driftless does not implement
   */
  public byte[] decrypt(String path, byte[] bytes) {
    Decrypted d = open(path, bytes);
    return d.format().store().writePlain(d.branches());
  }

  /**
   * The decrypted top-level keys and values of a dotenv, YAML or JSON SOPS file, in file order, for
   * {@code ${NAME}} substitution. Numbers and booleans come back as their text.
   *
   * @throws SopsUnsupportedException for INI and binary files, and for nested values
   */
  public Map<String, String> decryptValues(String path, byte[] bytes) {
    Decrypted d = open(path, bytes);
    if (d.format() == SopsFormat.INI || d.format() == SopsFormat.BINARY) {
      throw new SopsUnsupportedException(
          path, "variables from " + d.format() + " files", "use a dotenv, YAML or JSON file");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Mapping branch : d.branches()) {
      for (Member m : branch.members()) {
        if (m instanceof Entry e) {
          if (!(e.value() instanceof Scalar)) {
            throw new SopsUnsupportedException(
                path,
                "a nested value as a variable (key " + e.key() + ")",
                "keep variables at the top level of the file");
          }
          String value = DotenvStore.string(e.value());
          if (d.format() == SopsFormat.DOTENV) {
            values.put(e.key().strip(), value.strip());
          } else {
            values.put(e.key(), value);
          }
        }
      }
    }
    return values;
  }

  private record Decrypted(SopsFormat format, List<Mapping> branches) {}

  private Decrypted open(String path, byte[] bytes) {
    if (bytes.length > SopsLimits.MAX_FILE_BYTES) {
      throw new SopsMalformedException(
          path, 0, "is larger than " + SopsLimits.MAX_FILE_BYTES + " bytes, the limit for secrets");
    }
    SopsFormat format = SopsFormat.forPath(path);
    SopsStore.Parsed parsed = format.store().readEncrypted(path, bytes);
    if (parsed.metadata() == null) {
      throw new SopsMalformedException(
          path, 0, "has no SOPS metadata (no top-level sops map): it is not SOPS-encrypted");
    }
    Node mac = parsed.metadata().get("mac");
    if (mac == null
        || mac instanceof SopsTree.Null
        || mac instanceof SopsTree.Text t && t.value().isEmpty()) {
      throw new SopsMacMismatchException(
          path, "its sops block has no mac, so its content cannot be verified");
    }
    SopsMetadata metadata = SopsMetadata.parse(path, parsed.metadata());
    byte[] dataKey = DataKeys.recover(path, metadata, identities);
    ValueCipher cipher = new ValueCipher(dataKey, new SecureRandom());
    TreeCipher.Result result =
        TreeCipher.decrypt(
            path, parsed.branches(), metadata.rule(), cipher, format.store().rawStrings());
    verifyMac(path, metadata, cipher, result.mac());
    return new Decrypted(format, result.branches());
  }

  private static void verifyMac(
      String path, SopsMetadata metadata, ValueCipher cipher, String computed) {
    ValueCipher.Plain stored;
    try {
      stored = cipher.decrypt(metadata.mac(), metadata.macAdditionalData());
    } catch (ValueCipher.NotAuthentic e) {
      throw new SopsMacMismatchException(
          path, "its MAC does not authenticate (the MAC or sops.lastmodified was changed)");
    }
    if (stored == null) {
      throw new SopsMacMismatchException(path, "its MAC is not an ENC[AES256_GCM,...] value");
    }
    if (!MessageDigest.isEqual(stored.bytes(), computed.getBytes(StandardCharsets.US_ASCII))) {
      throw new SopsMacMismatchException(path, "MAC mismatch");
    }
  }
}
