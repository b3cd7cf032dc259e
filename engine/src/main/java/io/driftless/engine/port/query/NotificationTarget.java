package io.driftless.engine.port.query;

import io.driftless.engine.domain.Secret;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where notifications of an environment go: a generic webhook (JSON, signed with {@code signingKey}
 * when set) or a Slack-compatible incoming webhook. The URL is a secret: a Slack URL is a
 * credential, and any URL may carry a token.
 *
 * @param signingKey HMAC-SHA256 key of a generic webhook; null for unsigned deliveries
 * @param events the event names sent; empty for every event
 */
public record NotificationTarget(Type type, Secret url, Secret signingKey, List<String> events) {

  /** The kinds of receiver. */
  public enum Type {
    WEBHOOK,
    SLACK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public NotificationTarget {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** Whether this target wants {@code event}. */
  public boolean wants(String event) {
    return events.isEmpty() || events.contains(event);
  }

  /** What may be shown of this target: no URL path, no key. */
  public NotificationSummary summary() {
    return new NotificationSummary(type.label(), host(url), signingKey != null, events);
  }

  private static String host(Secret url) {
    try {
      String host = URI.create(url.reveal()).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
