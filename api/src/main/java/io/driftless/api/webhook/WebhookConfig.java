package io.driftless.api.webhook;

import io.dropwizard.util.DataSize;

/**
 * Limits of the webhook receivers.
 *
 * @param maxBodySize larger deliveries are refused with 413; 5 MiB by default
 * @param failureBurst failed deliveries one client address may make at once before 429
 * @param failuresPerMinute how fast that allowance refills
 */
public record WebhookConfig(DataSize maxBodySize, Integer failureBurst, Integer failuresPerMinute) {
  public WebhookConfig {
    maxBodySize = maxBodySize == null ? DataSize.mebibytes(5) : maxBodySize;
    failureBurst = failureBurst == null ? 20 : failureBurst;
    failuresPerMinute = failuresPerMinute == null ? 10 : failuresPerMinute;
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("webhooks.maxBodySize must be between 1 byte and 2 GiB");
    }
    if (failureBurst < 1 || failuresPerMinute < 1) {
      throw new IllegalArgumentException(
          "webhooks.failureBurst and webhooks.failuresPerMinute must be at least 1");
    }
  }

  public static WebhookConfig defaults() {
    return new WebhookConfig(null, null, null);
  }
}
