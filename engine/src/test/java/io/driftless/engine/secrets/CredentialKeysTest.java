package io.driftless.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public parts a credential listing shows, checked against what the real tools print: the
 * recipient age-keygen writes beside an identity, the PGP fingerprints sops wrote into its files,
 * the fingerprint {@code ssh-keygen -l} prints.
 */
class CredentialKeysTest {
  @TempDir Path dir;

  @Test
  void anAgeIdentityShowsTheRecipientAgeKeygenPrinted() throws Exception {
    Path keyFile = dir.resolve("age.txt");
    run("age-keygen", "-o", keyFile.toString());
    String made = Files.readString(keyFile);
    String recipient =
        made.lines()
            .filter(l -> l.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());

    assertThat(CredentialKeys.publicKeys(new Credential.AgeIdentity(Secret.of(made))))
        .containsExactly(recipient);
    // The fixture's key file is the one sops encrypted age.yaml for.
    assertThat(
            CredentialKeys.publicKeys(
                new Credential.AgeIdentity(Secret.of(Fixtures.text("keys/age.txt")))))
        .containsExactly("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29");
  }

  @Test
  void aPgpKeyShowsTheFingerprintSopsWroteForIt() {
    assertThat(
            CredentialKeys.publicKeys(
                new Credential.PgpKey(Secret.of(Fixtures.text("keys/sops-functional-tests.asc")))))
        .contains("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4");
    assertThat(
            CredentialKeys.publicKeys(
                new Credential.PgpKey(Secret.of(Fixtures.text("keys/pgp.asc")))))
        .containsExactly("35C1A64CD7FC0AB6EB66756B2445463C3234ECE1");
  }

  @Test
  void anSshKeyShowsTheFingerprintSshKeygenPrints() throws Exception {
    for (String type : List.of("ed25519", "rsa", "ecdsa")) {
      Path key = dir.resolve("id_" + type);
      run("ssh-keygen", "-q", "-t", type, "-N", "pass phrase", "-f", key.toString());
      String printed = run("ssh-keygen", "-l", "-f", key + ".pub").split(" ")[1];

      Credential credential =
          new Credential.SshKey(Secret.of(Files.readString(key)), Secret.of("pass phrase"));

      assertThat(CredentialKeys.publicKeys(credential)).as(type).containsExactly(printed);
    }
  }

  @Test
  void aSecretThatIsNotAKeyIsRefusedWithoutBeingQuoted() {
    String junk = "not-a-key-7c1e2b";
    assertThatThrownBy(
            () -> CredentialKeys.publicKeys(new Credential.SshKey(Secret.of(junk), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(junk);
    assertThatThrownBy(() -> CredentialKeys.publicKeys(new Credential.AgeIdentity(Secret.of(junk))))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(junk);
    assertThatThrownBy(() -> CredentialKeys.publicKeys(new Credential.PgpKey(Secret.of(junk))))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain(junk);
    assertThat(CredentialKeys.publicKeys(new Credential.Token(null, Secret.of(junk)))).isEmpty();
  }

  private static String run(String... command) {
    return Processes.run(new ProcessBuilder(command));
  }
}
