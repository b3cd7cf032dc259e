package io.driftless.engine.secrets;

import java.util.Map;

/** A file that is not well-formed for its store, or whose SOPS metadata is broken. */
public final class SopsMalformedException extends SopsException {

  /**
   * @param line 1-based, or 0 when the problem is not on one line
   */
  SopsMalformedException(String file, int line, String message) {
    super("sops.malformed", file, line, message, Map.of());
  }
}
