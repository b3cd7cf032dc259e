package io.driftless.engine.secrets;

import io.driftless.engine.testing.Processes;
import java.nio.charset.StandardCharsets;

/**
 * The real {@code age} and {@code age-keygen} commands (Debian's age package; .ci/run installs it).
 */
final class AgeCli {
  private AgeCli() {}

  /** A new key file as age-keygen writes it, and its recipient. */
  record Key(String file, String recipient) {
    AgeRecipient ageRecipient() {
      return new AgeRecipient(recipient);
    }
  }

  static Key keygen() {
    String out = new String(Processes.run(null, "age-keygen"), StandardCharsets.UTF_8);
    for (String line : out.split("\n")) {
      if (line.startsWith("# public key: ")) {
        return new Key(out, line.substring("# public key: ".length()).strip());
      }
    }
    throw new IllegalStateException("age-keygen printed no public key");
  }

  /** age -e -a -r RECIPIENT */
  static byte[] encrypt(byte[] plain, String recipient) {
    return Processes.run(plain, "age", "-e", "-a", "-r", recipient);
  }

  /** age -d -i KEYFILE */
  static byte[] decrypt(byte[] armored, java.nio.file.Path keyFile) {
    return Processes.run(armored, "age", "-d", "-i", keyFile.toString());
  }
}
