package io.driftless.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Detection, formats by extension, key files, and the limits on untrusted YAML. */
class SopsFilesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aHelmValuesFileWithAPlainSopsKeyIsNotSops() {
    assertThat(SopsFiles.isSops("values.yaml", b("replicas: 2\nsops:\n  enabled: true\n")))
        .isFalse();
    assertThat(SopsFiles.isSops("values.yaml", b("sops:\n  mac: x\n  enabled: true\n"))).isFalse();
    assertThat(SopsFiles.isSops("values.yaml", b("sops:\n  mac: x\n  version: 3.10.2\n"))).isTrue();
    assertThat(SopsFiles.isSops("broken.yaml", b("sops: [mac, version\n"))).isFalse();
    assertThat(SopsFiles.isSops("app.env", b("sops_mac=x\nsops_version=3\n"))).isTrue();
    assertThat(SopsFiles.isSops("app.env", b("A=mac version sops\n"))).isFalse();
    assertThat(SopsFiles.isSops("app.ini", b("[sops]\nmac = x\nversion = 3\n"))).isTrue();
  }

  @Test
  void formatsFollowTheExtensionAsSopsDoes() {
    assertThat(SopsFormat.forPath("a/b.yml")).isEqualTo(SopsFormat.YAML);
    assertThat(SopsFormat.forPath("a.yaml")).isEqualTo(SopsFormat.YAML);
    assertThat(SopsFormat.forPath("a.json")).isEqualTo(SopsFormat.JSON);
    assertThat(SopsFormat.forPath(".env")).isEqualTo(SopsFormat.DOTENV);
    assertThat(SopsFormat.forPath("a.ini")).isEqualTo(SopsFormat.INI);
    assertThat(SopsFormat.forPath("tls.key")).isEqualTo(SopsFormat.BINARY);
  }

  @Test
  void ageKeyFilesSkipCommentsAndNeverEchoABadLine() {
    String file = Fixtures.text("keys/age.txt");
    assertThat(AgeIdentity.parse(file))
        .singleElement()
        .satisfies(
            id -> {
              assertThat(id.recipient())
                  .isEqualTo("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29");
              assertThat(id.toString()).doesNotContain("SECRET");
            });
    assertThatThrownBy(() -> AgeIdentity.parse("# c\nAGE-SECRET-KEY-1NOTVALIDXYZ\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("NOTVALID");
    assertThatThrownBy(() -> DecryptionIdentity.parseKeyFile("\n# only comments\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pgpSecretKeysAreReadByFingerprint() {
    assertThat(PgpIdentity.parse(Fixtures.text("keys/pgp.asc")))
        .extracting(PgpIdentity::fingerprint)
        .containsExactly("35C1A64CD7FC0AB6EB66756B2445463C3234ECE1");
    assertThatThrownBy(() -> new AgeRecipient("age1notarecipient"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aliasBombsDeepNestingDuplicateAndNonStringKeysAreRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i > 0 ? ", " : "").append('*').append(prev);
      }
      bomb.append("]\n");
      prev = c;
    }
    assertThatThrownBy(() -> SopsFormat.YAML.store().readPlain("b.yaml", b(bomb.toString())))
        .isInstanceOf(SopsMalformedException.class)
        .hasMessageContaining("more than");
    String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";
    assertThatThrownBy(() -> SopsFormat.YAML.store().readPlain("d.yaml", b(deep)))
        .isInstanceOf(SopsMalformedException.class)
        .hasMessageContaining("deeper");
    assertThatThrownBy(() -> SopsFormat.YAML.store().readPlain("k.yaml", b("a: 1\na: 2\n")))
        .isInstanceOf(SopsMalformedException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> SopsFormat.YAML.store().readPlain("k.yaml", b("1: one\n")))
        .isInstanceOf(SopsMalformedException.class)
        .hasMessageContaining("not a string");
    assertThatThrownBy(() -> SopsFormat.JSON.store().readPlain("k.json", b("[1]")))
        .isInstanceOf(SopsMalformedException.class);
  }

  @Test
  void goFloatFormsAreTheOnesSopsHashesAndWrites() {
    assertThat(GoFloats.formatF(1234568000.0)).isEqualTo("1234568000");
    assertThat(GoFloats.formatF(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoFloats.formatF(1e21)).isEqualTo("1000000000000000000000");
    assertThat(GoFloats.formatF(1.5)).isEqualTo("1.5");
    assertThat(GoFloats.formatG(1e6)).isEqualTo("1e+06");
    assertThat(GoFloats.formatG(999999.5)).isEqualTo("999999.5");
    assertThat(GoFloats.formatG(123456789.0)).isEqualTo("1.23456789e+08");
    assertThat(GoFloats.formatG(0.0001)).isEqualTo("0.0001");
    assertThat(GoFloats.formatG(0.00001)).isEqualTo("1e-05");
    assertThat(GoFloats.formatJson(1e-7)).isEqualTo("1e-7");
    assertThat(GoFloats.formatJson(1e21)).isEqualTo("1e+21");
    assertThat(GoFloats.formatJson(8080)).isEqualTo("8080");
  }

  @Test
  void sopsYamlCreationRulesPickTheFirstMatchingRule() {
    SopsCreationRules rules =
        SopsCreationRules.parse(
            ".sops.yaml",
            b(
                "creation_rules:\n"
                    + "  - path_regex: ^k8s/.*\\.yaml$\n"
                    + "    encrypted_regex: ^(data|stringData)$\n"
                    + "    age: age1a, age1b\n"
                    + "  - path_regex: \\.env$\n"
                    + "    age: [age1c]\n"
                    + "    pgp: ABCDEF\n"
                    + "  - path_regex: kms\n"
                    + "    kms: arn:aws:kms:x\n"
                    + "  - age: age1default\n"));
    SopsCreationRules.Rule k8s = rules.ruleFor("k8s/secret.yaml").orElseThrow();
    assertThat(k8s.age()).containsExactly("age1a", "age1b");
    assertThat(k8s.encryption().encryptedRegex()).isEqualTo("^(data|stringData)$");
    assertThat(rules.ruleFor("app/.env").orElseThrow().pgpFingerprints()).containsExactly("ABCDEF");
    assertThat(rules.ruleFor("other.txt").orElseThrow().age()).containsExactly("age1default");
    assertThat(rules.ruleFor("other.txt").orElseThrow().encryption().unencryptedSuffix())
        .isEqualTo("_unencrypted");
    assertThatThrownBy(() -> rules.ruleFor("kms.yaml"))
        .isInstanceOf(SopsUnsupportedException.class)
        .hasMessageContaining("'kms'");
  }
}
