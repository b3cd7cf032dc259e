package io.driftless.api.config;

import io.driftless.engine.secrets.DecryptionIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's own keys for SOPS files, offered for every source besides the source's {@code
 * decryption.identities}: an age key file ({@code AGE-SECRET-KEY-1...} lines, as age-keygen writes
 * it) and an armored OpenPGP secret key file without a passphrase. Both are read once, at start.
 *
 * @param ageKeyFile an age key file; null for none
 * @param pgpKeyFile an armored PGP secret key file; null for none
 */
public record SecretsConfig(String ageKeyFile, String pgpKeyFile) {

  public static SecretsConfig defaults() {
    return new SecretsConfig(null, null);
  }

  /**
   * @throws InvalidConfigurationException naming the field and the file that cannot be read or
   *     holds no usable key (never quoting it)
   */
  public List<DecryptionIdentity> buildIdentities() {
    List<DecryptionIdentity> all = new ArrayList<>();
    all.addAll(read("secrets.ageKeyFile", ageKeyFile));
    all.addAll(read("secrets.pgpKeyFile", pgpKeyFile));
    return all;
  }

  private static List<DecryptionIdentity> read(String field, String file) {
    if (file == null || file.isBlank()) {
      return List.of();
    }
    try {
      return DecryptionIdentity.parseKeyFile(
          Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          field
              + ": "
              + file
              + " "
              + (e instanceof IOException ? "cannot be read" : e.getMessage()),
          e instanceof IOException ? e : null);
    }
  }
}
