package io.driftless.ssh.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A key pair made by the real {@code ssh-keygen}, in any of the formats an operator may paste into
 * an {@code ssh-key} credential.
 */
public final class TestSshKey {
  /** How the private key is written. */
  public enum Format {
    /** {@code BEGIN OPENSSH PRIVATE KEY}, ssh-keygen's default. */
    OPENSSH,
    /** {@code BEGIN RSA/EC PRIVATE KEY} (PKCS#1, SEC1). */
    PEM,
    /** {@code BEGIN PRIVATE KEY} (PKCS#8). */
    PKCS8
  }

  private final byte[] privateKey;
  private final String publicKeyLine;
  private final String fingerprint;

  private TestSshKey(byte[] privateKey, String publicKeyLine, String fingerprint) {
    this.privateKey = privateKey;
    this.publicKeyLine = publicKeyLine;
    this.fingerprint = fingerprint;
  }

  /** An unencrypted ed25519 key in OpenSSH format. */
  public static TestSshKey generate(Path dir, String name) throws IOException {
    return generate(dir, name, "ed25519", Format.OPENSSH, null);
  }

  /**
   * @param type {@code ed25519}, {@code ecdsa}, {@code rsa}
   * @param passphrase null for an unencrypted key
   */
  public static TestSshKey generate(
      Path dir, String name, String type, Format format, String passphrase) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type));
    if (type.equals("rsa")) {
      command.addAll(List.of("-b", "2048"));
    }
    if (format != Format.OPENSSH) {
      command.addAll(List.of("-m", format.name()));
    }
    command.addAll(
        List.of("-N", passphrase == null ? "" : passphrase, "-C", name, "-f", file.toString()));
    run(command);
    String fingerprint = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", file + ".pub"));
    return new TestSshKey(
        Files.readAllBytes(file),
        Files.readString(file.resolveSibling(name + ".pub"), StandardCharsets.US_ASCII).strip(),
        fingerprint.split(" ")[1]);
  }

  /** The private key file's bytes. */
  public byte[] privateKey() {
    return privateKey.clone();
  }

  /** The {@code authorized_keys} line: {@code ssh-ed25519 AAAA... name}. */
  public String publicKeyLine() {
    return publicKeyLine;
  }

  /** {@code SHA256:...}, as {@code ssh-keygen -l} prints it. */
  public String fingerprint() {
    return fingerprint;
  }

  static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return output.strip();
  }
}
