package io.driftless.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A file changed after encryption, or one Driftless has no key for, fails with a typed error that
 * says what is wrong, and never shows a plaintext value.
 */
class SopsTamperTest {
  private static final String PLAIN =
      "user: alice-the-admin\n"
          + "password: correct-horse-battery\n"
          + "list:\n  - first-item-value\n  - second-item-value\n"
          + "note_unencrypted: public text\n";
  private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,[^\\]]+]");
  private static AgeCli.Key key;
  private static String encrypted;

  @BeforeAll
  static void encrypt() {
    key = AgeCli.keygen();
    encrypted =
        new String(
            new SopsEncryptor(Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC))
                .encrypt(
                    "s.yaml",
                    PLAIN.getBytes(StandardCharsets.UTF_8),
                    SopsRecipients.age(key.ageRecipient())),
            StandardCharsets.UTF_8);
  }

  private static byte[] decrypt(String text) {
    return new SopsDecryptor(DecryptionIdentity.parseKeyFile(key.file()))
        .decrypt("s.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The ENC[...] value on the line that starts with this text. */
  private static String valueOf(String linePrefix) {
    return Fixtures.encryptedValue(encrypted, linePrefix);
  }

  /**
   * Decrypting {@code tampered} is refused as tampering, the message saying {@code why} and no
   * plaintext.
   */
  private static void assertTamperingRefused(String tampered, String why) {
    assertThatThrownBy(() -> decrypt(tampered))
        .isInstanceOf(SopsMacMismatchException.class)
        .hasMessageContaining(why)
        .satisfies(SopsTamperTest::assertNoPlaintextIn);
  }

  private static void assertNoPlaintextIn(Throwable e) {
    for (String secret : List.of("alice-the-admin", "correct-horse", "first-item", "second-item")) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void untouchedFileDecrypts() {
    assertThat(new String(decrypt(encrypted), StandardCharsets.UTF_8))
        .isEqualTo(PLAIN.replace("  - ", "    - "));
  }

  @Test
  void aChangedValueFails() {
    String value = valueOf("password:");
    String data = value.substring(value.indexOf("data:") + 5, value.indexOf(",iv:"));
    char c = data.charAt(0);
    String changed =
        value.replace("data:" + data, "data:" + (c == 'A' ? 'B' : 'A') + data.substring(1));
    assertThatThrownBy(() -> decrypt(encrypted.replace(value, changed)))
        .isInstanceOf(SopsMacMismatchException.class)
        .hasMessageContaining("password:")
        .hasMessageContaining("does not authenticate")
        .satisfies(SopsTamperTest::assertNoPlaintextIn)
        .extracting(e -> ((SopsException) e).code())
        .isEqualTo("sops.mac_mismatch");
  }

  @Test
  void twoSwappedValuesFail() {
    String user = valueOf("user:");
    String password = valueOf("password:");
    String swapped =
        encrypted.replace(user, "@@U@@").replace(password, user).replace("@@U@@", password);
    assertThatThrownBy(() -> decrypt(swapped))
        .isInstanceOf(SopsMacMismatchException.class)
        .satisfies(SopsTamperTest::assertNoPlaintextIn);
  }

  @Test
  void swappedListItemsWithTheSameKeyPathFailOnTheMac() {
    String first = valueOf("    - ");
    int at = encrypted.indexOf(first) + first.length();
    String second = ENC.matcher(encrypted.substring(at)).results().findFirst().get().group();
    String swapped =
        encrypted.replace(first, "@@F@@").replace(second, first).replace("@@F@@", second);
    assertTamperingRefused(swapped, "MAC mismatch");
  }

  @Test
  void aRemovedValueFails() {
    String removed = encrypted.replaceFirst("password: ENC\\[[^\\]]+]\n", "");
    assertThat(removed).isNotEqualTo(encrypted);
    assertTamperingRefused(removed, "MAC mismatch");
  }

  @Test
  void aChangedUnencryptedValueCoveredByTheMacFails() {
    String changed = encrypted.replace("note_unencrypted: public text", "note_unencrypted: other");
    assertThat(changed).isNotEqualTo(encrypted);
    assertTamperingRefused(changed, "MAC mismatch");
  }

  @Test
  void aPlaintextPutInPlaceOfAnEncryptedValueFails() {
    String changed = encrypted.replace(valueOf("password:"), "chosen-by-attacker");
    assertTamperingRefused(changed, "is not encrypted although");
  }

  @Test
  void aSopsBlockWithoutMacFails() {
    String noMac = encrypted.replaceFirst("    mac: ENC\\[[^\\]]+]\n", "");
    assertThat(noMac).isNotEqualTo(encrypted);
    assertThat(SopsFiles.isSops("s.yaml", noMac.getBytes(StandardCharsets.UTF_8))).isFalse();
    assertTamperingRefused(noMac, "no mac");
  }

  @Test
  void aChangedLastModifiedFailsTheMac() {
    String changed = encrypted.replace("2026-03-04T05:06:07Z", "2026-03-04T05:06:08Z");
    assertTamperingRefused(changed, "does not authenticate");
  }

  @Test
  void aWrongKeyNamesTheFileItsRecipientsAndTheOfferedIdentity() {
    AgeCli.Key other = AgeCli.keygen();
    assertThatThrownBy(
            () ->
                new SopsDecryptor(DecryptionIdentity.parseKeyFile(other.file()))
                    .decrypt("secrets/s.yaml", encrypted.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SopsKeyNotFoundException.class)
        .hasMessageStartingWith("secrets/s.yaml: ")
        .hasMessageContaining(key.recipient())
        .hasMessageContaining("offered " + other.recipient())
        .satisfies(e -> assertThat(((SopsKeyNotFoundException) e).code()).isEqualTo("sops.no_key"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AGE-SECRET-KEY"));
  }

  @Test
  void aMissingKeyNamesTheRecipientsOfAPgpFile() {
    assertThatThrownBy(
            () -> new SopsDecryptor(List.of()).decrypt("pgp.yaml", Fixtures.bytes("pgp.yaml")))
        .isInstanceOf(SopsKeyNotFoundException.class)
        .hasMessageContaining("PGP 35C1A64CD7FC0AB6EB66756B2445463C3234ECE1")
        .hasMessageContaining("offered no identity");
    // the other fixture key is a real PGP key, just not this file's
    assertThatThrownBy(
            () ->
                new SopsDecryptor(Fixtures.sopsPgpKey())
                    .decrypt("pgp.yaml", Fixtures.bytes("pgp.yaml")))
        .isInstanceOf(SopsKeyNotFoundException.class)
        .hasMessageContaining("offered FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
  }

  @Test
  void keyGroupsWithAShamirThresholdAreRefused() {
    String groups =
        "a: ENC[AES256_GCM,data:AA==,iv:AA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]\n"
            + "sops:\n  shamir_threshold: 2\n  key_groups:\n"
            + "    - age:\n        - recipient: r1\n          enc: x\n"
            + "    - age:\n        - recipient: r2\n          enc: y\n"
            + "  lastmodified: \"2026-01-01T00:00:00Z\"\n  mac: m\n  version: 3.10.2\n";
    assertThatThrownBy(() -> decrypt(groups))
        .isInstanceOf(SopsUnsupportedException.class)
        .hasMessageContaining("Shamir");
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> decrypt("a: b\nc: [\n"))
        .isInstanceOf(SopsMalformedException.class)
        .satisfies(e -> assertThat(((SopsMalformedException) e).line()).isPositive());
    assertThatThrownBy(() -> decrypt("a: b\n"))
        .isInstanceOf(SopsMalformedException.class)
        .hasMessageContaining("not SOPS-encrypted");
  }
}
