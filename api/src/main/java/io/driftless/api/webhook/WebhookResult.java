package io.driftless.api.webhook;

import java.util.Locale;

/** How a delivery ended: its HTTP status and its label in {@code driftless_webhook_requests}. */
public enum WebhookResult {
  QUEUED(202),
  /** An authentic pull-request event: its previews are being computed. */
  PREVIEW(202),
  /** An authentic pull-request close: its previews are kept for a while, then deleted. */
  CLOSED(200),
  /** Authentic, but nothing to do: not a push, or no environment follows the pushed refs. */
  IGNORED(200),
  /** A delivery id seen before: acknowledged so the host stops retrying, and dropped. */
  DUPLICATE(200),
  MALFORMED(400),
  /**
   * What the sender is told for {@link #UNKNOWN_REPOSITORY}, {@link #NO_SECRET} and {@link
   * #BAD_SIGNATURE} alike, so the answer says nothing about which repositories are registered.
   */
  UNAUTHORIZED(401),
  BAD_SIGNATURE(401),
  NO_SECRET(401),
  UNKNOWN_PROVIDER(404),
  UNKNOWN_REPOSITORY(401),
  TOO_LARGE(413),
  RATE_LIMITED(429),
  FAILED(503);

  private final int status;

  WebhookResult(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The three failures that are answered alike ({@link #UNAUTHORIZED}); the log tells them apart.
   */
  boolean unauthorized() {
    return this == UNAUTHORIZED
        || this == BAD_SIGNATURE
        || this == NO_SECRET
        || this == UNKNOWN_REPOSITORY;
  }

  /** Failures that a client without the secret can cause; these draw on the rate limit. */
  boolean unauthenticated() {
    return status >= 400 && status < 500 && this != RATE_LIMITED;
  }
}
