package io.driftless.engine.secrets;

/** Limits on SOPS files, which come from Git and are untrusted until their MAC verifies. */
final class SopsLimits {
  /** The largest file read, in bytes. */
  static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The longest value or key in a structured file, in characters. */
  static final int MAX_SCALAR_CHARS = 1024 * 1024;

  static final int MAX_DEPTH = 64;

  /** Values one file may hold, counting each use of an alias in full. */
  static final int MAX_NODES = 200_000;

  private SopsLimits() {}
}
