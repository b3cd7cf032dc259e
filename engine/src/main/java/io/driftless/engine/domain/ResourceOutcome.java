package io.driftless.engine.domain;

import java.util.Objects;

/**
 * What happened to one planned change.
 *
 * @param message why it was skipped or failed; empty when applied
 */
public record ResourceOutcome(Change change, Result result, String message) {
  public enum Result {
    APPLIED,
    /** Not applied on purpose: dry run, or drift left alone without self-heal. */
    SKIPPED,
    FAILED,
    /** Not reached because an earlier change failed. */
    NOT_ATTEMPTED
  }

  public ResourceOutcome {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(result, "result");
    message = message == null ? "" : message;
  }

  public ResourceKey key() {
    return change.key();
  }
}
