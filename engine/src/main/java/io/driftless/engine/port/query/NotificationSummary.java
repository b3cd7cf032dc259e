package io.driftless.engine.port.query;

import java.util.List;

/**
 * A notification target as reads show it: its kind, the host it posts to, whether deliveries are
 * signed, and its events (empty for all). Never the URL or the key.
 */
public record NotificationSummary(String type, String host, boolean signed, List<String> events) {
  public NotificationSummary {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
