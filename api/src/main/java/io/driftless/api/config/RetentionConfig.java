package io.driftless.api.config;

import io.driftless.storage.RetentionPolicy;
import io.dropwizard.util.Duration;

/**
 * What the server deletes, and how often it looks (every replica does; each pass is idempotent).
 *
 * @param interval time between retention passes; 1h by default, the first a minute after start
 * @param keepLast runs kept per environment whatever their age; 100 by default
 * @param keepFor runs younger than this are kept; 30d by default
 * @param deliveriesFor how long webhook delivery ids and body hashes are remembered to drop
 *     duplicates and replays; 7d by default
 * @param closedPreviewsFor how long a pull request's preview is kept after it is closed or merged;
 *     14d by default
 */
public record RetentionConfig(
    Duration interval,
    Integer keepLast,
    Duration keepFor,
    Duration deliveriesFor,
    Duration closedPreviewsFor) {
  public RetentionConfig {
    RetentionPolicy defaults = RetentionPolicy.defaults();
    interval = interval == null ? Duration.hours(1) : interval;
    keepLast = keepLast == null ? defaults.keepLast() : keepLast;
    keepFor = keepFor == null ? Duration.milliseconds(defaults.keepFor().toMillis()) : keepFor;
    deliveriesFor =
        deliveriesFor == null
            ? Duration.milliseconds(defaults.deliveriesFor().toMillis())
            : deliveriesFor;
    closedPreviewsFor =
        closedPreviewsFor == null
            ? Duration.milliseconds(defaults.closedPreviewsFor().toMillis())
            : closedPreviewsFor;
    if (interval.toMilliseconds() < 1000) {
      throw new IllegalArgumentException("retention.interval must be at least 1s");
    }
    if (keepLast < 1) {
      throw new IllegalArgumentException("retention.keepLast must be at least 1");
    }
  }

  public static RetentionConfig defaults() {
    return new RetentionConfig(null, null, null, null, null);
  }

  public RetentionPolicy buildPolicy() {
    return new RetentionPolicy(
        keepLast,
        java.time.Duration.ofMillis(keepFor.toMilliseconds()),
        java.time.Duration.ofMillis(deliveriesFor.toMilliseconds()),
        java.time.Duration.ofMillis(closedPreviewsFor.toMilliseconds()));
  }
}
