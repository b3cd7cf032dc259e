package io.driftless.engine.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold a secret (a token, a key): readable by their owner only. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Creates {@code file} with mode 0600 from the start, so that the secret written into it is never
   * readable by others; on a file system without POSIX permissions the directory's ACL applies.
   *
   * @throws FileAlreadyExistsException when {@code file} exists (another process created it)
   */
  public static void create(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
  }
}
