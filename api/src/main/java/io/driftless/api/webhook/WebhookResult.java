package io.driftless.api.webhook;

import java.util.Locale;

/** How a delivery ended: its HTTP status and its label in {@code driftless_webhook_requests}. */
public enum WebhookResult {
  QUEUED(202),
  /** An authentic pull-request event: its previews are being computed. */
  PREVIEW(202),
  /** Authentic, but nothing to do: not a push, or no environment follows the pushed refs. */
  IGNORED(200),
  /** A delivery id seen before: acknowledged so the host stops retrying, and dropped. */
  DUPLICATE(200),
  MALFORMED(400),
  BAD_SIGNATURE(401),
  NO_SECRET(403),
  UNKNOWN_PROVIDER(404),
  UNKNOWN_REPOSITORY(404),
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

  /** Failures that a client without the secret can cause; these draw on the rate limit. */
  boolean unauthenticated() {
    return status >= 400 && status < 500 && this != RATE_LIMITED;
  }
}
