package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Null;
import java.nio.charset.StandardCharsets;

/** Tells SOPS files from other files. */
public final class SopsFiles {
  /**
   * The largest file that can be a SOPS file, in bytes (the limit on secrets from Git): a caller
   * that knows a file's size can skip reading a larger one.
   */
  public static final int MAX_BYTES = SopsLimits.MAX_FILE_BYTES;

  private SopsFiles() {}

  /**
   * Whether a file is SOPS-encrypted: its top-level {@code sops} map (dotenv: {@code sops_} keys,
   * INI: a {@code [sops]} section) has both {@code mac} and {@code version}. A Helm values file
   * that merely has a {@code sops:} key is not one. A file that does not parse is not one either;
   * this never throws for bad input.
   *
   * @param path decides the store by extension, as {@link SopsFormat#forPath(String)}
   */
  public static boolean isSops(String path, byte[] bytes) {
    if (bytes.length > MAX_BYTES || !mentionsMetadata(bytes)) {
      return false;
    }
    try {
      SopsStore.Parsed parsed = SopsFormat.forPath(path).store().readEncrypted(path, bytes);
      return hasMacAndVersion(parsed.metadata());
    } catch (SopsException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether a file is a SOPS file ({@link #isSops}) or one whose {@code mac} was removed: its
   * {@code sops} map still has {@code version}, {@code lastmodified} and an {@code age} or {@code
   * pgp} recipient. A reader that decrypts treats both as SOPS files, so that a file stripped of
   * its MAC fails to decrypt ({@code sops.mac_mismatch}) instead of going to the target as it is.
   */
  public static boolean isSopsOrStripped(String path, byte[] bytes) {
    if (isSops(path, bytes)) {
      return true;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (bytes.length > MAX_BYTES
        || !text.contains("sops")
        || !text.contains("version")
        || !text.contains("lastmodified")) {
      return false;
    }
    try {
      Mapping metadata = SopsFormat.forPath(path).store().readEncrypted(path, bytes).metadata();
      return metadata != null
          && present(metadata, "version")
          && present(metadata, "lastmodified")
          && (present(metadata, "age") || present(metadata, "pgp"));
    } catch (SopsException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean present(Mapping metadata, String key) {
    return metadata.get(key) != null && !(metadata.get(key) instanceof Null);
  }

  static boolean hasMacAndVersion(Mapping metadata) {
    return metadata != null
        && metadata.get("mac") != null
        && !(metadata.get("mac") instanceof Null)
        && metadata.get("version") != null
        && !(metadata.get("version") instanceof Null);
  }

  /** A cheap first look: the words every SOPS file holds. */
  private static boolean mentionsMetadata(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return text.contains("sops") && text.contains("mac") && text.contains("version");
  }
}
