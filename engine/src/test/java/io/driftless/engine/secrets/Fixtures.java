package io.driftless.engine.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code sops} output under src/test/resources, and its keys (see the README there);
 * public for the tests of what reads SOPS files from Git, here and in other modules.
 */
public final class Fixtures {
  /** Every file of real sops output, each with its own plaintext in the README. */
  public static final List<String> NAMES =
      List.of(
          "age.yaml",
          "pgp.yaml",
          "values.env",
          "example.yaml",
          "format.json",
          "format.env",
          "format.ini");

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static final java.util.regex.Pattern ENC =
      java.util.regex.Pattern.compile("ENC\\[AES256_GCM,[^\\]]+]");

  /**
   * The {@code ENC[...]} value on the first line of a SOPS YAML file that starts with {@code
   * linePrefix}: what tamper tests change, swap or remove.
   */
  public static String encryptedValue(String sopsYaml, String linePrefix) {
    for (String line : sopsYaml.split("\n")) {
      if (line.startsWith(linePrefix)) {
        java.util.regex.Matcher m = ENC.matcher(line);
        if (m.find()) {
          return m.group();
        }
      }
    }
    throw new IllegalArgumentException("no encrypted value on a line starting " + linePrefix);
  }

  /** A SOPS file made with the project's own writer, for one age recipient (e.g. age-keygen's). */
  public static String encryptedForAge(String path, String plaintext, String recipient) {
    return new String(
        new SopsEncryptor(java.time.Clock.systemUTC())
            .encrypt(
                path,
                plaintext.getBytes(StandardCharsets.UTF_8),
                SopsRecipients.age(new AgeRecipient(recipient))),
        StandardCharsets.UTF_8);
  }

  /** The age identity of age.yaml and values.env (from fluxcd/kustomize-controller). */
  public static List<DecryptionIdentity> ageKey() {
    return DecryptionIdentity.parseKeyFile(text("keys/age.txt"));
  }

  /** The OpenPGP key of pgp.yaml (from fluxcd/kustomize-controller). */
  public static List<DecryptionIdentity> fluxPgpKey() {
    return DecryptionIdentity.parseKeyFile(text("keys/pgp.asc"));
  }

  /** The OpenPGP key of sops's functional tests: example.yaml and format.*. */
  public static List<DecryptionIdentity> sopsPgpKey() {
    return DecryptionIdentity.parseKeyFile(text("keys/sops-functional-tests.asc"));
  }

  /** The keys of every fixture. */
  public static List<DecryptionIdentity> allKeys() {
    List<DecryptionIdentity> keys = new ArrayList<>(ageKey());
    keys.addAll(fluxPgpKey());
    keys.addAll(sopsPgpKey());
    return keys;
  }
}
