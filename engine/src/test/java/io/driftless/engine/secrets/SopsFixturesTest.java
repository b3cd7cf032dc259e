package io.driftless.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.secrets.SopsTree.Mapping;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every file of real {@code sops} output (fixtures/README.md lists them) decrypts through the
 * public entry points to the plaintext the README lists, with its MAC verified.
 */
class SopsFixturesTest {

  private static String decrypt(String name, List<DecryptionIdentity> keys) {
    return new String(
        new SopsDecryptor(keys).decrypt(name, Fixtures.bytes(name)), StandardCharsets.UTF_8);
  }

  @Test
  void ageYamlWithEncryptedRegexDecryptsStringDataOnly() {
    assertThat(decrypt("age.yaml", Fixtures.ageKey()))
        .isEqualTo(
            "apiVersion: v1\nkind: Secret\nmetadata:\n    name: age\n"
                + "stringData:\n    key: value\n");
  }

  @Test
  void pgpYamlDecryptsWithTheArmoredSecretKey() {
    assertThat(decrypt("pgp.yaml", Fixtures.fluxPgpKey()))
        .isEqualTo(
            "apiVersion: v1\nkind: Secret\nmetadata:\n    name: pgp\n"
                + "stringData:\n    key: value\n");
  }

  @Test
  void dotenvWithAgeDecryptsToKeyValueLines() {
    assertThat(decrypt("values.env", Fixtures.ageKey())).isEqualTo("key=value\n");
    assertThat(
            new SopsDecryptor(Fixtures.ageKey())
                .decryptValues("values.env", Fixtures.bytes("values.env")))
        .containsExactly(Map.entry("key", "value"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void exampleYamlDecryptsEveryTypeAndComment() {
    String plain = decrypt("example.yaml", Fixtures.sopsPgpKey());
    Map<String, Object> doc = new Yaml().load(plain);
    assertThat(doc.get("myapp1")).isEqualTo("t00m4nys3cr3tzupdated");
    assertThat(at(doc, "app2", "db", "password")).isEqualTo("c4r1b0u");
    assertThat((String) at(doc, "app2", "key")).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(doc.get("number")).isEqualTo(1.234568e9);
    assertThat(doc.get("somebooleans")).isEqualTo(List.of(true, false));
    assertThat((List<Object>) doc.get("an_array")).startsWith("secretuser1", "secretuser2");
    assertThat(at(doc, "this", "is", "a", "nested", "value"))
        .isEqualTo("with something secret in it");
    assertThat(doc.get("somelist_unencrypted"))
        .isEqualTo(
            List.of(
                "all elements of this list",
                "remain in clear text",
                "because of the _unencrypted suffix in the key"));
    assertThat(at(doc, "nested_unencrypted", "this", "is", "all"))
        .isEqualTo("going to remain in clear text");
    assertThat(doc).doesNotContainKey("sops");
    // encrypted comments come back as comments, in their map
    assertThat(plain)
        .contains("        # private key for secret operations in app2\n")
        .contains("                # sops supports unencrypted fields\n")
        .doesNotContain("ENC[");
  }

  @Test
  void jsonDotenvAndIniWithPgpDecryptInTheirOwnFormats() {
    assertThat(decrypt("format.json", Fixtures.sopsPgpKey()))
        .isEqualTo("{\n\t\"foo\": \"bar\"\n}\n");
    // sops keeps the dotenv key and value as written around '=' ("foo " and " bar")
    assertThat(decrypt("format.env", Fixtures.sopsPgpKey())).isEqualTo("foo = bar\n");
    assertThat(
            new SopsDecryptor(Fixtures.sopsPgpKey())
                .decryptValues("format.env", Fixtures.bytes("format.env")))
        .containsExactly(Map.entry("foo", "bar"));
    assertThat(decrypt("format.ini", Fixtures.sopsPgpKey())).isEqualTo("[foo]\nbar = baz\n");
  }

  @Test
  void everyFixtureIsDetectedAsSops() {
    for (String name : Fixtures.NAMES) {
      assertThat(SopsFiles.isSops(name, Fixtures.bytes(name))).as(name).isTrue();
    }
  }

  @Test
  void theMacOfAFixtureIsRecomputedExactlyByTheWriter() throws Exception {
    byte[] bytes = Fixtures.bytes("example.yaml");
    SopsStore.Parsed parsed = SopsFormat.YAML.store().readEncrypted("example.yaml", bytes);
    SopsMetadata metadata = SopsMetadata.parse("example.yaml", parsed.metadata());
    byte[] key = DataKeys.recover("example.yaml", metadata, Fixtures.sopsPgpKey());
    ValueCipher cipher = new ValueCipher(key, new java.security.SecureRandom());
    String stored =
        new String(
            cipher.decrypt(metadata.mac(), metadata.macAdditionalData()).bytes(),
            StandardCharsets.US_ASCII);

    List<Mapping> plain =
        TreeCipher.decrypt("example.yaml", parsed.branches(), metadata.rule(), cipher, false)
            .branches();
    // the writer's walk over the plaintext computes the MAC sops stored
    String recomputed = TreeCipher.encrypt("example.yaml", plain, metadata.rule(), cipher).mac();
    assertThat(recomputed).isEqualTo(stored).matches("[0-9A-F]{128}");
    // and any other plaintext gives another MAC
    List<Mapping> changed =
        SopsFormat.YAML.store().readPlain("x.yaml", "myapp1: other\n".getBytes());
    assertThat(TreeCipher.encrypt("x.yaml", changed, metadata.rule(), cipher).mac())
        .isNotEqualTo(stored);
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> doc, String... path) {
    Object current = doc;
    for (String key : path) {
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }
}
