package io.driftless.engine.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

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
    String out = new String(run(null, "age-keygen"), StandardCharsets.UTF_8);
    for (String line : out.split("\n")) {
      if (line.startsWith("# public key: ")) {
        return new Key(out, line.substring("# public key: ".length()).strip());
      }
    }
    throw new IllegalStateException("age-keygen printed no public key");
  }

  /** age -e -a -r RECIPIENT */
  static byte[] encrypt(byte[] plain, String recipient) {
    return run(plain, "age", "-e", "-a", "-r", recipient);
  }

  /** age -d -i KEYFILE */
  static byte[] decrypt(byte[] armored, java.nio.file.Path keyFile) {
    return run(armored, "age", "-d", "-i", keyFile.toString());
  }

  static byte[] run(byte[] stdin, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
      if (stdin != null) {
        p.getOutputStream().write(stdin);
      }
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
