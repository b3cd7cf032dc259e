package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Secret;
import io.driftless.ssh.testing.TestSshKey;
import io.driftless.ssh.testing.TestSshKey.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshIdentityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "ed25519, OPENSSH, ",
    "ed25519, OPENSSH, correct horse",
    "ecdsa, OPENSSH, ",
    "rsa, OPENSSH, ",
    "rsa, PEM, ",
    "rsa, PEM, correct horse",
    "ecdsa, PEM, ",
    "ecdsa, PKCS8, ",
    "rsa, PKCS8, "
  })
  void readsTheKeyFormatsSshKeygenWrites(String type, Format format, String passphrase)
      throws Exception {
    TestSshKey key = TestSshKey.generate(tmp, "k", type, format, passphrase);

    SshIdentity identity =
        SshIdentity.of(
            "deploy", key.privateKey(), passphrase == null ? null : Secret.of(passphrase));

    assertThat(identity.fingerprint()).isEqualTo(key.fingerprint());
    assertThat(identity).hasToString("SshIdentity[user=deploy, key=" + key.fingerprint() + "]");
  }

  @Test
  void anUnreadableKeyIsATypedErrorThatNeverQuotesIt() {
    byte[] garbage =
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsecretgarbage\n"
                + "-----END OPENSSH PRIVATE KEY-----\n")
            .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> SshIdentity.of("deploy", garbage, null))
        .isInstanceOfSatisfying(
            SshKeyException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ssh.key");
              assertThat(e.getCause()).isNull();
            })
        .hasMessageContaining("could not be read")
        .hasMessageNotContaining("secretgarbage");
  }

  @Test
  void aWrongPassphraseIsATypedErrorThatNeverQuotesEither() throws Exception {
    TestSshKey key = TestSshKey.generate(tmp, "locked", "ed25519", Format.OPENSSH, "s3cr3t-right");

    assertThatThrownBy(() -> SshIdentity.of("deploy", key.privateKey(), Secret.of("s3cr3t-wrong")))
        .isInstanceOf(SshKeyException.class)
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining(
            new String(key.privateKey(), StandardCharsets.US_ASCII)
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow());
  }

  @Test
  void refusesUserNamesThatAreNotLoginNames() throws Exception {
    byte[] key = TestSshKey.generate(tmp, "k").privateKey();

    assertThatThrownBy(() -> SshIdentity.of("-oProxyCommand", key, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshIdentity.of("root@other", key, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SshIdentity.of("", key, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
