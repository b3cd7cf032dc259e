package io.driftless.engine.secrets;

import io.driftless.engine.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real {@code age} and {@code age-keygen} commands (Debian's age package; .ci/run installs it);
 * public for the CLI's tests.
 */
public final class AgeCli {
  private AgeCli() {}

  /** A new key file as age-keygen writes it, and its recipient. */
  public record Key(String file, String recipient) {
    AgeRecipient ageRecipient() {
      return new AgeRecipient(recipient);
    }
  }

  public static Key keygen() {
    String out = new String(Processes.run(null, "age-keygen"), StandardCharsets.UTF_8);
    for (String line : out.split("\n")) {
      if (line.startsWith("# public key: ")) {
        return new Key(out, line.substring("# public key: ".length()).strip());
      }
    }
    throw new IllegalStateException("age-keygen printed no public key");
  }

  /**
   * {@code age-keygen -o FILE}, as a user makes a key file; returns the new key file's text and
   * recipient.
   */
  public static Key keygen(Path file) {
    String out = Processes.run(new ProcessBuilder("age-keygen", "-o", file.toString()));
    String recipient = out.substring(out.indexOf("age1")).strip();
    try {
      return new Key(Files.readString(file), recipient);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** age -e -a -r RECIPIENT */
  public static byte[] encrypt(byte[] plain, String recipient) {
    return Processes.run(plain, "age", "-e", "-a", "-r", recipient);
  }

  /** age -d -i KEYFILE */
  static byte[] decrypt(byte[] armored, Path keyFile) {
    return Processes.run(armored, "age", "-d", "-i", keyFile.toString());
  }
}
