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
