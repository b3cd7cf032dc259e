package io.driftless.engine.domain;

import java.util.Locale;

/** Where a stored promotion stands. */
public enum PromotionState {
  /** Its pull request is open: nothing of it has reached the receiving branch yet. */
  OPEN,
  /** The branch has a reviewer's own commits; Driftless left it and its pull request alone. */
  DIVERGED,
  /**
   * On the receiving branch, not applied yet: pushed straight there ({@code via: commit}), or a run
   * of the receiving environment found it there and applied nothing (auto-sync off, a dry run).
   */
  MERGED,
  /** The receiving environment applied a revision whose promoted files equal the promotion's. */
  APPLIED,
  /** A newer promotion into the same environment replaced it before it was applied. */
  SUPERSEDED,
  /** The host refused the push, or the receiving environment's run of it failed. */
  FAILED;

  /** Whether it may still become applied (or fail): open or merged. */
  public boolean pending() {
    return this == OPEN || this == MERGED;
  }

  /** Whether it is over: applied, failed or superseded (it has a settled time). */
  public boolean settled() {
    return this == APPLIED || this == FAILED || this == SUPERSEDED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code label}, e.g. {@code open}. */
  public static PromotionState of(String label) {
    for (PromotionState state : values()) {
      if (state.label().equals(label == null ? "" : label.strip().toLowerCase(Locale.ROOT))) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "state must be open, diverged, merged, applied, superseded or failed: " + label);
  }
}
