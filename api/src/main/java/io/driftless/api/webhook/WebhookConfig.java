package io.driftless.api.webhook;

import io.dropwizard.util.DataSize;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Limits of the webhook receivers.
 *
 * @param maxBodySize larger deliveries are refused with 413; 5 MiB by default
 * @param failureBurst failed deliveries one client address may make at once before 429
 * @param failuresPerMinute how fast that allowance refills
 * @param trustedProxies addresses of the reverse proxies in front of the server (IP literals). Only
 *     for a connection from one of them is the client taken from {@code X-Forwarded-For} (its last
 *     entry, the one the proxy added); every other connection is limited by its socket peer, even
 *     with the connector's {@code useForwardedHeaders: true}. None by default.
 */
public record WebhookConfig(
    DataSize maxBodySize,
    Integer failureBurst,
    Integer failuresPerMinute,
    List<String> trustedProxies) {
  public WebhookConfig {
    maxBodySize = maxBodySize == null ? DataSize.mebibytes(5) : maxBodySize;
    failureBurst = failureBurst == null ? 20 : failureBurst;
    failuresPerMinute = failuresPerMinute == null ? 10 : failuresPerMinute;
    trustedProxies =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream().map(WebhookConfig::address).toList();
    if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("webhooks.maxBodySize must be between 1 byte and 2 GiB");
    }
    if (failureBurst < 1 || failuresPerMinute < 1) {
      throw new IllegalArgumentException(
          "webhooks.failureBurst and webhooks.failuresPerMinute must be at least 1");
    }
  }

  public static WebhookConfig defaults() {
    return new WebhookConfig(null, null, null, null);
  }

  /** An IP literal in the form the socket reports it; a host name is refused, never resolved. */
  private static String address(String text) {
    String literal = text == null ? "" : text.trim();
    if (!literal.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException(
          "webhooks.trustedProxies: '" + literal + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "webhooks.trustedProxies: '" + literal + "' is not an IP address", e);
    }
  }
}
