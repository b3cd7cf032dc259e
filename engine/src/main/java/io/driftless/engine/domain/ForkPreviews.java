package io.driftless.engine.domain;

import java.util.Locale;

/**
 * What a source's pull-request previews do for an untrusted head (a pull request whose head
 * repository is not the base repository, i.e. a fork). In every case an untrusted head never runs a
 * render command and never reads a live object or file outside the environment's inventory until an
 * operator approves that exact commit.
 */
public enum ForkPreviews {
  /** Counts and resource names, no content (the default). */
  SUMMARY,
  /** Nothing until an operator approves the head. */
  APPROVE,
  /** No preview of forks at all; nothing to approve. */
  OFF;

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ForkPreviews parse(String text) {
    if (text == null || text.isBlank()) {
      return SUMMARY;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be summary, approve or off: " + text, e);
    }
  }

  public String lower() {
    return name().toLowerCase(Locale.ROOT);
  }
}
