package io.driftless.api.webhook;

import java.util.Map;

/** A delivery refused: the result (status and metric label) and a message safe to show. */
final class WebhookRejection extends RuntimeException {
  private final WebhookResult result;
  private final Map<String, String> details;

  WebhookRejection(WebhookResult result, String message) {
    this(result, message, Map.of());
  }

  WebhookRejection(WebhookResult result, String message, Map<String, String> details) {
    super(message, null, false, false);
    this.result = result;
    this.details = Map.copyOf(details);
  }

  WebhookResult result() {
    return result;
  }

  Map<String, String> details() {
    return details;
  }
}
