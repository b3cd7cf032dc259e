package io.driftless.engine.secrets;

import io.driftless.engine.domain.StrictUtf8;
import io.driftless.engine.secrets.SopsTree.Mapping;
import java.util.List;

/** How one file format holds a SOPS document and its {@code sops} metadata. */
interface SopsStore {

  /**
   * A file's documents (YAML may have several) and its {@code sops} block, or null when it has
   * none.
   */
  record Parsed(List<Mapping> branches, Mapping metadata) {}

  /** Reads an encrypted file: its data and, apart, its metadata. */
  Parsed readEncrypted(String file, byte[] bytes);

  /** Reads a plaintext file; its branches must not hold SOPS metadata. */
  List<Mapping> readPlain(String file, byte[] bytes);

  byte[] writeEncrypted(List<Mapping> branches, Mapping metadata);

  byte[] writePlain(List<Mapping> branches);

  /** Whether decrypted strings stay bytes (the binary store's content). */
  default boolean rawStrings() {
    return false;
  }

  /** Strict UTF-8 text of a file, without a byte order mark. */
  static String text(String file, byte[] bytes) {
    String s =
        StrictUtf8.decode(bytes)
            .orElseThrow(() -> new SopsMalformedException(file, 0, "is not UTF-8 text"));
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Refuses a plaintext whose top level already has the key SOPS keeps its metadata under. */
  static void refuseSopsKey(String file, List<Mapping> branches) {
    for (Mapping m : branches) {
      if (m.get("sops") != null) {
        throw new SopsMalformedException(
            file,
            0,
            "already has a top-level 'sops' key: it is encrypted already (decrypt it first), or"
                + " the key must be renamed, since SOPS keeps its metadata there");
      }
    }
  }
}
