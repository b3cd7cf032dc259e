package io.driftless.api.model;

import io.driftless.engine.domain.FileMode;

/**
 * An environment's {@code decryption}: how it writes the files it decrypts from SOPS files.
 *
 * @param mode their permission bits in octal, e.g. {@code "0640"}; absent for {@code "0600"}
 */
public record DecryptedFilesBody(String mode) {
  private static final String FIELD = "decryption.mode";

  public DecryptedFilesBody {
    if (mode != null) {
      Fields.check(FIELD, () -> FileMode.parse(mode));
    }
  }

  FileMode toDomain() {
    return mode == null ? FileMode.DECRYPTED : Fields.check(FIELD, () -> FileMode.parse(mode));
  }

  static DecryptedFilesBody from(FileMode mode) {
    return new DecryptedFilesBody(mode.octal());
  }
}
