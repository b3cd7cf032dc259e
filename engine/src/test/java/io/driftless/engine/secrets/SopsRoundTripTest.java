package io.driftless.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Files written by {@link SopsEncryptor} for keys made by age-keygen decrypt again, in every store
 * and for every value type, have the structure sops writes, and their age stanzas are readable by
 * the age CLI.
 */
class SopsRoundTripTest {
  private static final Pattern ENC =
      Pattern.compile(
          "ENC\\[AES256_GCM,data:[A-Za-z0-9+/=]+,iv:[A-Za-z0-9+/=]{44},"
              + "tag:[A-Za-z0-9+/=]{24},type:(str|int|float|bool|comment)]");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

  private static AgeCli.Key alice;
  private static AgeCli.Key bob;

  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    alice = AgeCli.keygen();
    bob = AgeCli.keygen();
  }

  private static byte[] encrypt(String path, String plain, EncryptionRule rule) {
    return new SopsEncryptor(CLOCK)
        .encrypt(
            path,
            plain.getBytes(StandardCharsets.UTF_8),
            SopsRecipients.age(alice.ageRecipient()),
            rule);
  }

  private static String decrypt(String path, byte[] bytes, AgeCli.Key key) {
    return new String(
        new SopsDecryptor(DecryptionIdentity.parseKeyFile(key.file())).decrypt(path, bytes),
        StandardCharsets.UTF_8);
  }

  @Test
  void yamlRoundTripKeepsOrderTypesAndComments() {
    String plain =
        "# head comment\n"
            + "zeta: last-first\n"
            + "password: s3cr3t\n"
            + "port: 8080\n"
            + "ratio: 1.5\n"
            + "whole: 3.0\n"
            + "huge: 1.0e+21\n"
            + "enabled: true\n"
            + "disabled: false\n"
            + "nothing: null\n"
            + "empty: ''\n"
            + "quoted_true: 'true'\n"
            + "quoted_number: '0123'\n"
            + "date: 2024-01-02\n"
            + "unicode: grüße ✓\n"
            + "colon: 'a: b'\n"
            + "multi: |\n  line one\n  line two\n"
            + "nested:\n"
            + "  # nested comment\n"
            + "  inner: value\n"
            + "  list:\n"
            + "    - one\n"
            + "    - 2\n"
            + "    - k: v\n"
            + "      k2: v2\n"
            + "  emptymap: {}\n"
            + "  emptylist: []\n"
            + "public_unencrypted: visible\n";
    byte[] enc = encrypt("app.yaml", plain, EncryptionRule.defaults());
    String encText = new String(enc, StandardCharsets.UTF_8);
    assertThat(encText)
        .doesNotContain("s3cr3t", "8080", "line one", "nested comment", "head comment")
        .contains("public_unencrypted: visible\n")
        .contains("    unencrypted_suffix: _unencrypted\n")
        .contains("nothing: null\n")
        .contains("empty: \"\"\n");
    assertThat(SopsFiles.isSops("app.yaml", enc)).isTrue();
    assertThat(SopsFiles.isSops("app.yaml", plain.getBytes(StandardCharsets.UTF_8))).isFalse();

    String back = decrypt("app.yaml", enc, alice);
    Map<String, Object> expected = new Yaml().load(plain);
    Map<String, Object> actual = new Yaml().load(back);
    expected.put("date", "2024-01-02"); // SOPS keeps YAML timestamps as strings
    assertThat(actual).isEqualTo(expected);
    assertThat(List.copyOf(actual.keySet())).isEqualTo(List.copyOf(expected.keySet()));
    assertThat(back)
        .startsWith("# head comment\nzeta: last-first\n")
        .contains("    # nested comment\n    inner: value\n")
        .contains("whole: 3.0\n")
        .contains("quoted_true: \"true\"\n")
        .contains("multi: |\n    line one\n    line two\n");
  }

  @Test
  void writerOutputHasTheFixturesStructure() {
    byte[] enc = encrypt("s.yaml", "a: b\nlist:\n  - x\n", EncryptionRule.defaults());
    SopsStore.Parsed parsed = SopsFormat.YAML.store().readEncrypted("s.yaml", enc);
    // the sops 3.10 layout of example.yaml, with age recipients where pgp ones would be
    List<String> keys = new ArrayList<>();
    parsed.metadata().members().forEach(m -> keys.add(((SopsTree.Entry) m).key()));
    assertThat(keys).containsExactly("age", "lastmodified", "mac", "unencrypted_suffix", "version");
    Mapping sops = parsed.metadata();
    assertThat(((Text) sops.get("lastmodified")).value()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(((Text) sops.get("mac")).value()).matches(ENC.pattern()).endsWith("type:str]");
    assertThat(((Text) sops.get("version")).value()).isEqualTo(SopsMetadata.WRITER_VERSION);
    Mapping age = (Mapping) ((Sequence) sops.get("age")).elements().get(0);
    assertThat(((Text) age.get("recipient")).value()).isEqualTo(alice.recipient());
    assertThat(((Text) age.get("enc")).value())
        .startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n")
        .endsWith("-----END AGE ENCRYPTED FILE-----\n");
    assertThat(((Text) parsed.branches().get(0).get("a")).value()).matches(ENC.pattern());
    String text = new String(enc, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("list:\n    - ENC[AES256_GCM,")
        .contains("sops:\n    age:\n        - recipient: " + alice.recipient() + "\n")
        .contains("          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n");
  }

  @Test
  void theAgeCliDecryptsTheDataKeyTheWriterWrapped() throws Exception {
    byte[] enc = encrypt("s.yaml", "a: b\n", EncryptionRule.defaults());
    SopsMetadata metadata = metadataOf(enc);
    byte[] dataKey = dataKeyForAlice(metadata);
    assertThat(dataKey).hasSize(32);
    // the key the age CLI recovered authenticates the file's MAC
    ValueCipher cipher = new ValueCipher(dataKey, new java.security.SecureRandom());
    assertThat(cipher.decrypt(metadata.mac(), metadata.macAdditionalData()).bytes()).hasSize(128);
  }

  @Test
  void aDataKeyWrappedByTheAgeCliIsRecovered() throws Exception {
    byte[] enc = encrypt("s.yaml", "secret: v\n", EncryptionRule.defaults());
    SopsMetadata metadata = metadataOf(enc);
    byte[] dataKey = dataKeyForAlice(metadata);
    // re-wrap the same data key for bob with the age CLI, in place of the writer's stanza
    String bobStanza =
        new String(AgeCli.encrypt(dataKey, bob.recipient()), StandardCharsets.US_ASCII);
    String text = new String(enc, StandardCharsets.UTF_8);
    String aliceStanza = metadata.age().get(0).enc();
    String indented = "            " + aliceStanza.strip().replace("\n", "\n            ") + "\n";
    assertThat(text).contains(indented);
    String rewritten =
        text.replace(
                indented, "            " + bobStanza.strip().replace("\n", "\n            ") + "\n")
            .replace(alice.recipient(), bob.recipient());
    assertThat(decrypt("s.yaml", rewritten.getBytes(StandardCharsets.UTF_8), bob))
        .isEqualTo("secret: v\n");
  }

  @Test
  void severalRecipientsAndSeveralIdentitiesForKeyRotation() {
    byte[] enc =
        new SopsEncryptor(CLOCK)
            .encrypt(
                "r.env",
                "TOKEN=abc\n".getBytes(StandardCharsets.UTF_8),
                new SopsRecipients(List.of(alice.ageRecipient(), bob.ageRecipient()), List.of()));
    assertThat(decrypt("r.env", enc, alice)).isEqualTo("TOKEN=abc\n");
    assertThat(decrypt("r.env", enc, bob)).isEqualTo("TOKEN=abc\n");
    // an old key that no file uses any more, offered together with the current one
    AgeCli.Key old = AgeCli.keygen();
    List<DecryptionIdentity> both = new ArrayList<>();
    both.addAll(DecryptionIdentity.parseKeyFile(old.file()));
    both.addAll(DecryptionIdentity.parseKeyFile(bob.file()));
    assertThat(new SopsDecryptor(both).decryptValues("r.env", enc))
        .containsExactly(Map.entry("TOKEN", "abc"));
    // one key file with several identities, as age-keygen appends them
    List<DecryptionIdentity> file =
        DecryptionIdentity.parseKeyFile(old.file() + "\n" + alice.file());
    assertThat(file).hasSize(2);
    assertThat(new SopsDecryptor(file).decrypt("r.env", enc))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("TOKEN=abc\n");
  }

  @Test
  void pgpRecipientRoundTrip() {
    List<PgpRecipient> pgp = PgpRecipient.parse(Fixtures.text("keys/sops-functional-tests.asc"));
    assertThat(pgp.get(0).fingerprint()).isEqualTo("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    byte[] enc =
        new SopsEncryptor(CLOCK)
            .encrypt(
                "p.json",
                "{\"user\": \"u\", \"n\": 5}".getBytes(StandardCharsets.UTF_8),
                new SopsRecipients(List.of(), pgp));
    String text = new String(enc, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"pgp\": [")
        .contains("\"created_at\": \"2026-01-02T03:04:05Z\"")
        .contains("\"enc\": \"-----BEGIN PGP MESSAGE-----\\n\\n")
        .contains("\"fp\": \"FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4\"")
        .doesNotContain("Version:");
    assertThat(
            new String(
                new SopsDecryptor(Fixtures.sopsPgpKey()).decrypt("p.json", enc),
                StandardCharsets.UTF_8))
        .isEqualTo("{\n\t\"user\": \"u\",\n\t\"n\": 5\n}\n");
  }

  @Test
  void jsonRoundTrip() {
    String plain =
        "{\"s\": \"x<y&z\", \"i\": 42, \"f\": 0.1, \"big\": 1e21, \"t\": true, \"n\": null,"
            + " \"a\": [1, \"two\", {\"k\": []}], \"o\": {}, \"e\": \"\"}";
    byte[] enc = encrypt("c.json", plain, EncryptionRule.defaults());
    assertThat(new String(enc, StandardCharsets.UTF_8))
        .contains("type:float]")
        .doesNotContain("two");
    assertThat(decrypt("c.json", enc, alice))
        .isEqualTo(
            "{\n\t\"s\": \"x\\u003cy\\u0026z\",\n\t\"i\": 42,\n\t\"f\": 0.1,\n\t\"big\": 1e+21,\n"
                + "\t\"t\": true,\n\t\"n\": null,\n\t\"a\": [\n\t\t1,\n\t\t\"two\",\n\t\t{\n"
                + "\t\t\t\"k\": []\n\t\t}\n\t],\n\t\"o\": {},\n\t\"e\": \"\"\n}\n");
  }

  @Test
  void dotenvRoundTrip() {
    String plain = "# database\nDB_URL=postgres://u@h/db?x=1\nMULTI=a\\nb\nEMPTY=\n";
    byte[] enc = encrypt("app.env", plain, EncryptionRule.defaults());
    String text = new String(enc, StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith("#ENC[AES256_GCM,")
        .contains("\nsops_version=")
        .doesNotContain("postgres");
    assertThat(text.lines().filter(l -> l.startsWith("sops_")).toList())
        .isSorted()
        .anyMatch(
            l -> l.startsWith("sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\n"));
    assertThat(decrypt("app.env", enc, alice)).isEqualTo(plain);
  }

  @Test
  void iniRoundTrip() {
    String plain = "top = level\n\n; about the db\n[db]\nuser = admin\npassword = \"p w\"\n";
    byte[] enc = encrypt("app.ini", plain, EncryptionRule.defaults());
    String text = new String(enc, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\n[sops]\n")
        .containsPattern("\nversion {20}= 3\\.10\\.2\n")
        .doesNotContain("admin");
    assertThat(decrypt("app.ini", enc, alice))
        .isEqualTo("top = level\n\n; about the db\n[db]\nuser     = admin\npassword = p w\n");
  }

  @Test
  void binaryRoundTripKeepsEveryByte() {
    byte[] plain = new byte[4096];
    new Random(7).nextBytes(plain);
    byte[] enc =
        new SopsEncryptor(CLOCK)
            .encrypt("blob.bin", plain, SopsRecipients.age(alice.ageRecipient()));
    assertThat(new String(enc, StandardCharsets.UTF_8)).startsWith("{\n\t\"data\": \"ENC[");
    assertThat(SopsFiles.isSops("blob.bin", enc)).isTrue();
    assertThat(
            new SopsDecryptor(DecryptionIdentity.parseKeyFile(alice.file()))
                .decrypt("blob.bin", enc))
        .isEqualTo(plain);
  }

  @Test
  void encryptedRegexLeavesOtherValuesClear() {
    String plain =
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  key: hidden\n";
    byte[] enc = encrypt("s.yaml", plain, EncryptionRule.encryptedRegex("^(data|stringData)$"));
    String text = new String(enc, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("kind: Secret\n", "    name: s\n", "    encrypted_regex: ^(data|stringData)$\n")
        .doesNotContain("hidden", "unencrypted_suffix");
    assertThat(decrypt("s.yaml", enc, alice)).contains("    key: hidden\n");
  }

  @Test
  void everyRuleAsSopsWritesIt() {
    String plain = "a_secret: 1\nb_plain: 2\nc: 3\n";
    record Case(EncryptionRule rule, String metadataLine, List<String> clear) {}
    for (Case c :
        List.of(
            new Case(
                new EncryptionRule("_plain", null, null, null, false),
                "unencrypted_suffix: _plain",
                List.of("b_plain: 2")),
            new Case(
                new EncryptionRule(null, "_secret", null, null, false),
                "encrypted_suffix: _secret",
                List.of("b_plain: 2", "c: 3")),
            new Case(
                new EncryptionRule(null, null, "^b", null, false),
                "unencrypted_regex: ^b",
                List.of("b_plain: 2")),
            new Case(
                new EncryptionRule(null, null, null, "secret", true),
                "mac_only_encrypted: true",
                List.of("b_plain: 2", "c: 3")))) {
      byte[] enc = encrypt("r.yaml", plain, c.rule());
      String text = new String(enc, StandardCharsets.UTF_8);
      assertThat(text).contains(c.metadataLine()).doesNotContain("a_secret: 1");
      for (String clear : c.clear()) {
        assertThat(text).contains(clear + "\n");
      }
      assertThat(decrypt("r.yaml", enc, alice)).isEqualTo(plain);
    }
  }

  private static SopsMetadata metadataOf(byte[] encryptedYaml) {
    SopsStore.Parsed parsed = SopsFormat.YAML.store().readEncrypted("s.yaml", encryptedYaml);
    return SopsMetadata.parse("s.yaml", parsed.metadata());
  }

  /** The file's data key as the age CLI unwraps it from alice's stanza with alice's key. */
  private byte[] dataKeyForAlice(SopsMetadata metadata) throws Exception {
    Path keyFile = dir.resolve("alice.txt");
    Files.writeString(keyFile, alice.file());
    return AgeCli.decrypt(metadata.age().get(0).enc().getBytes(StandardCharsets.US_ASCII), keyFile);
  }
}
