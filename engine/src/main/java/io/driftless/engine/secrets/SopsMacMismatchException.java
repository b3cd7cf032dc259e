package io.driftless.engine.secrets;

import java.util.Map;

/**
 * The file's content is not what was encrypted: a value was changed, swapped, moved or removed, an
 * unencrypted value covered by the MAC was edited, or the MAC itself does not verify. Nothing of
 * the file may be used.
 */
public final class SopsMacMismatchException extends SopsException {
  SopsMacMismatchException(String file, String what) {
    super(
        "sops.mac_mismatch",
        file,
        0,
        what
            + ": the file was changed after it was encrypted. Restore it from a trusted commit, or"
            + " decrypt a trusted copy and encrypt it again (driftless secrets encrypt)",
        Map.of());
  }
}
