package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whom failed deliveries are counted against, with and without a trusted proxy. */
class ClientAddressTest {
  private static final Map<String, String> FORGED = Map.of("X-Forwarded-For", "198.51.100.7");

  @Test
  void aForwardedHeaderFromAnUntrustedPeerIsIgnored() {
    assertThat(ClientAddress.of("203.0.113.9", FORGED, Set.of())).isEqualTo("203.0.113.9");
    assertThat(ClientAddress.of("203.0.113.9", FORGED, Set.of("10.0.0.2")))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void behindATrustedProxyTheEntryItAddedCounts() {
    Set<String> proxy = Set.of("10.0.0.2");
    // The sender wrote the first entry; the proxy appended the address it saw.
    Map<String, String> appended = Map.of("X-Forwarded-For", "198.51.100.7, 192.0.2.44");

    assertThat(ClientAddress.of("10.0.0.2", appended, proxy)).isEqualTo("192.0.2.44");
    assertThat(ClientAddress.of("10.0.0.2", Map.of(), proxy)).isEqualTo("10.0.0.2");
  }

  @Test
  void trustedProxiesAreIpAddressesNeverResolvedNames() {
    WebhookConfig config = new WebhookConfig(null, null, null, List.of(" 10.0.0.2 ", "::1"));
    assertThat(config.trustedProxies()).containsExactly("10.0.0.2", "0:0:0:0:0:0:0:1");
    assertThatThrownBy(() -> new WebhookConfig(null, null, null, List.of("proxy.internal")))
        .hasMessageContaining("webhooks.trustedProxies");
  }
}
