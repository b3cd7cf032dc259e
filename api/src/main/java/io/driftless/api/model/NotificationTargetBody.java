package io.driftless.api.model;

import io.driftless.api.notify.NotificationEvent;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.query.NotificationSummary;
import io.driftless.engine.port.query.NotificationTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an environment's notifications go, as registered: {@code webhook} (a JSON body, signed with
 * HMAC-SHA256 when {@code secret} is set) or {@code slack} (an incoming webhook URL). The URL and
 * the secret are credentials: stored encrypted, never shown again.
 *
 * @param events the event names to send; null or empty for every event
 */
public record NotificationTargetBody(String type, String url, String secret, List<String> events) {

  /** Checks every field; failures name the field under {@code field} (e.g. notifications[0]). */
  public NotificationTarget toDomain(String field) {
    String kind = Fields.required(field + ".type", type).trim().toLowerCase(Locale.ROOT);
    NotificationTarget.Type targetType =
        switch (kind) {
          case "webhook" -> NotificationTarget.Type.WEBHOOK;
          case "slack" -> NotificationTarget.Type.SLACK;
          default ->
              throw new InvalidFieldException(
                  field + ".type", field + ".type must be webhook or slack: " + type);
        };
    String address = Fields.required(field + ".url", url).trim();
    URI uri;
    try {
      uri = URI.create(address);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(field + ".url", field + ".url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InvalidFieldException(
          field + ".url", field + ".url must be an absolute http or https URL");
    }
    if (address.length() > 2048) {
      throw new InvalidFieldException(
          field + ".url", field + ".url is longer than 2048 characters");
    }
    Secret key = null;
    if (secret != null) {
      if (targetType != NotificationTarget.Type.WEBHOOK) {
        throw new InvalidFieldException(
            field + ".secret", field + ".secret applies to webhook targets only");
      }
      if (secret.length() < 16 || secret.length() > 1024) {
        throw new InvalidFieldException(
            field + ".secret", field + ".secret must be 16 to 1024 characters");
      }
      key = Secret.of(secret);
    }
    List<String> names = new ArrayList<>();
    if (events != null) {
      for (String event : events) {
        if (NotificationEvent.Kind.byName(event).isEmpty()) {
          throw new InvalidFieldException(
              field + ".events",
              field
                  + ".events: unknown event '"
                  + event
                  + "'; known: "
                  + String.join(", ", NotificationEvent.Kind.names()));
        }
        if (!names.contains(event)) {
          names.add(event);
        }
      }
    }
    return new NotificationTarget(targetType, Secret.of(address), key, names);
  }

  /** A list of targets, each checked under {@code field[i]}; null stays null. */
  public static List<NotificationTarget> toDomain(String field, List<NotificationTargetBody> list) {
    if (list == null) {
      return null;
    }
    List<NotificationTarget> targets = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      NotificationTargetBody body = Fields.required(field + "[" + i + "]", list.get(i));
      targets.add(body.toDomain(field + "[" + i + "]"));
    }
    return targets;
  }

  /**
   * A target as responses show it: its kind, the host it posts to, whether deliveries are signed,
   * and its events (empty for every event).
   */
  public record View(String type, String host, boolean signed, List<String> events) {
    public static List<View> from(List<NotificationSummary> summaries) {
      return summaries.stream()
          .map(s -> new View(s.type(), s.host(), s.signed(), s.events()))
          .toList();
    }
  }
}
