package io.driftless.api.notify;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.engine.port.query.NotificationTarget;
import io.dropwizard.util.Duration;
import java.util.List;

/**
 * Notifications: the targets every environment's events go to (besides each environment's own), the
 * quiet period, and how deliveries are made.
 *
 * @param targets global targets, e.g. {@code [{type: slack, url: ${SLACK_URL}}]}
 * @param quietPeriod the same event of the same environment goes to a target at most once per
 *     period
 * @param externalUrl the server's address as readers reach it, for links in messages; null for
 *     links relative to the server
 * @param queueCapacity events waiting or being delivered; more are dropped and counted
 * @param maxAttempts attempts per delivery, the first included
 * @param backoff the wait before the second attempt; it doubles after each attempt, up to {@code
 *     maxBackoff}
 */
public record NotificationsConfig(
    Boolean enabled,
    List<NotificationTargetBody> targets,
    Duration quietPeriod,
    String externalUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Integer maxAttempts,
    Duration backoff,
    Duration maxBackoff,
    Integer queueCapacity,
    Integer threads) {

  public NotificationsConfig {
    enabled = enabled == null || enabled;
    targets = targets == null ? List.of() : List.copyOf(targets);
    quietPeriod = quietPeriod == null ? Duration.minutes(5) : quietPeriod;
    externalUrl =
        externalUrl == null || externalUrl.isBlank() ? null : externalUrl.replaceAll("/+$", "");
    connectTimeout = connectTimeout == null ? Duration.seconds(5) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.seconds(10) : readTimeout;
    maxAttempts = maxAttempts == null ? 4 : maxAttempts;
    backoff = backoff == null ? Duration.seconds(1) : backoff;
    maxBackoff = maxBackoff == null ? Duration.minutes(1) : maxBackoff;
    queueCapacity = queueCapacity == null ? 1000 : queueCapacity;
    threads = threads == null ? 2 : threads;
    positive("quietPeriod", quietPeriod, true);
    positive("connectTimeout", connectTimeout, false);
    positive("readTimeout", readTimeout, false);
    positive("backoff", backoff, false);
    positive("maxBackoff", maxBackoff, false);
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("notifications.maxAttempts must be 1 to 20");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("notifications.queueCapacity must be positive");
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("notifications.threads must be 1 to 64");
    }
    if (externalUrl != null && !externalUrl.matches("(?i)https?://\\S+")) {
      throw new IllegalArgumentException(
          "notifications.externalUrl must be an http or https URL: " + externalUrl);
    }
    buildTargets(targets); // fails start-up on a wrong target
  }

  public static NotificationsConfig defaults() {
    return new NotificationsConfig(
        null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The global targets, checked. */
  public List<NotificationTarget> buildTargets() {
    return buildTargets(targets);
  }

  private static List<NotificationTarget> buildTargets(List<NotificationTargetBody> targets) {
    try {
      return NotificationTargetBody.toDomain("notifications.targets", targets);
    } catch (InvalidFieldException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void positive(String name, Duration value, boolean zeroAllowed) {
    long ms = value.toMilliseconds();
    if (ms < 0 || (ms == 0 && !zeroAllowed)) {
      throw new IllegalArgumentException("notifications." + name + " must be positive");
    }
  }
}
