package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless secrets encrypt|decrypt}, offline, with keys made by age-keygen. */
class SecretsCommandTest {
  private static final String PLAIN =
      "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\nstringData:\n    password: hunter2-xyz\n";

  @TempDir Path dir;
  Path keyFile;
  String recipient;

  @BeforeEach
  void key() throws Exception {
    keyFile = dir.resolve("keys.txt");
    Process p = new ProcessBuilder("age-keygen", "-o", keyFile.toString()).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    recipient = err.substring(err.indexOf("age1")).strip();
  }

  @Test
  void encryptsToStandardOutputAndDecryptsBack() throws Exception {
    Path file = dir.resolve("secret.yaml");
    Files.writeString(file, PLAIN);
    Cli.Result enc =
        new Cli()
            .run(
                "secrets",
                "encrypt",
                "--age",
                recipient,
                "--encrypted-regex",
                "^(data|stringData)$",
                file.toString());
    assertThat(enc.exit()).as(enc.toString()).isZero();
    assertThat(enc.out())
        .contains("kind: Secret\n", "password: ENC[AES256_GCM,", "recipient: " + recipient)
        .contains("encrypted_regex: ^(data|stringData)$")
        .doesNotContain("hunter2");
    assertThat(Files.readString(file)).isEqualTo(PLAIN);

    Path encrypted = dir.resolve("encrypted.yaml");
    Files.writeString(encrypted, enc.out());
    Cli.Result dec =
        new Cli().run("secrets", "decrypt", "--identity", keyFile.toString(), encrypted.toString());
    assertThat(dec.exit()).as(dec.toString()).isZero();
    assertThat(dec.out()).isEqualTo(PLAIN);
  }

  @Test
  void inPlaceUsesTheNearestSopsYamlAndDecryptsToAPrivateFile() throws Exception {
    Files.writeString(
        dir.resolve(".sops.yaml"),
        "creation_rules:\n  - path_regex: \\.env$\n    age: " + recipient + "\n");
    Path sub = Files.createDirectories(dir.resolve("env"));
    Path file = sub.resolve("app.env");
    Files.writeString(file, "# token for the API\nTOKEN=t0k3n-value\n");
    Cli.Result enc = new Cli().run("secrets", "encrypt", "--in-place", file.toString());
    assertThat(enc.exit()).as(enc.toString()).isZero();
    String encrypted = Files.readString(file);
    assertThat(encrypted)
        .startsWith("#ENC[AES256_GCM,")
        .contains("TOKEN=ENC[AES256_GCM,", "sops_age__list_0__map_recipient=" + recipient)
        .doesNotContain("t0k3n", "token for");

    Cli.Result dec =
        new Cli()
            .run(
                "secrets",
                "decrypt",
                "--identity",
                keyFile.toString(),
                "--in-place",
                file.toString());
    assertThat(dec.exit()).as(dec.toString()).isZero();
    assertThat(Files.readString(file)).isEqualTo("# token for the API\nTOKEN=t0k3n-value\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void failuresSayWhatToFixOnOneLine() throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"password\": \"hunter2-xyz\"}");
    Cli.Result noRecipient = new Cli().run("secrets", "encrypt", file.toString());
    assertThat(noRecipient.exit()).isEqualTo(2);
    assertThat(noRecipient.err()).startsWith("error: no recipients: give --age").hasLineCount(1);

    Cli.Result badAge = new Cli().run("secrets", "encrypt", "--age", "age1bogus", file.toString());
    assertThat(badAge.exit()).isEqualTo(2);
    assertThat(badAge.err()).contains("--age: ").hasLineCount(1);

    Cli.Result enc = new Cli().run("secrets", "encrypt", "--age", recipient, file.toString());
    assertThat(enc.exit()).as(enc.toString()).isZero();
    Path encrypted = dir.resolve("e.json");
    Files.writeString(encrypted, enc.out());

    Path otherKey = dir.resolve("other.txt");
    Process p = new ProcessBuilder("age-keygen", "-o", otherKey.toString()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Cli.Result wrongKey =
        new Cli()
            .run("secrets", "decrypt", "--identity", otherKey.toString(), encrypted.toString());
    assertThat(wrongKey.exit()).isEqualTo(2);
    assertThat(wrongKey.err())
        .startsWith("error: " + encrypted + ": no decryption identity matches")
        .contains(recipient)
        .hasLineCount(1);

    Files.writeString(encrypted, enc.out().replace("\"password\"", "\"passw0rd\""));
    Cli.Result tampered =
        new Cli().run("secrets", "decrypt", "--identity", keyFile.toString(), encrypted.toString());
    assertThat(tampered.exit()).isEqualTo(2);
    assertThat(tampered.err()).contains("does not authenticate").doesNotContain("hunter2");

    Cli.Result badIdentity =
        new Cli().run("secrets", "decrypt", "--identity", file.toString(), encrypted.toString());
    assertThat(badIdentity.exit()).isEqualTo(2);
    assertThat(badIdentity.err())
        .contains("--identity " + file + ": line 1 is not an age identity")
        .doesNotContain("hunter2");
  }
}
