package io.driftless.engine.domain;

import java.util.List;

/** Per-source signature policy: with {@code HEAD}, a revision must be signed by a trusted key. */
public record VerifyPolicy(Mode mode, List<String> trustedKeys) {
  public enum Mode {
    NONE,
    HEAD
  }

  public VerifyPolicy {
    mode = mode == null ? Mode.NONE : mode;
    trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    if (mode == Mode.HEAD && trustedKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "verify mode 'head' needs at least one trusted key (ASCII-armored OpenPGP public key)");
    }
  }

  public static VerifyPolicy none() {
    return new VerifyPolicy(Mode.NONE, List.of());
  }
}
