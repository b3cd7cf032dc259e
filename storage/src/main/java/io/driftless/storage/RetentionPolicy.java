package io.driftless.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How much run history to keep: the last {@code keepLast} runs of every environment and every run
 * younger than {@code keepFor}; runs that pins, rollbacks and the last apply refer to are always
 * kept. Webhook delivery ids and body hashes are remembered for {@code deliveriesFor} to drop
 * duplicates and replays. The preview of a pull request is kept for {@code closedPreviewsFor} after
 * the pull request closes.
 */
public record RetentionPolicy(
    int keepLast, Duration keepFor, Duration deliveriesFor, Duration closedPreviewsFor) {
  public RetentionPolicy(int keepLast, Duration keepFor, Duration deliveriesFor) {
    this(keepLast, keepFor, deliveriesFor, null);
  }

  public RetentionPolicy {
    if (keepLast < 1) {
      throw new IllegalArgumentException("retention must keep at least the last run: " + keepLast);
    }
    Objects.requireNonNull(keepFor, "keepFor");
    if (keepFor.isNegative()) {
      throw new IllegalArgumentException("retention keepFor must not be negative");
    }
    deliveriesFor = deliveriesFor == null ? Duration.ofDays(7) : deliveriesFor;
    if (deliveriesFor.isNegative()) {
      throw new IllegalArgumentException("retention deliveriesFor must not be negative");
    }
    closedPreviewsFor = closedPreviewsFor == null ? Duration.ofDays(14) : closedPreviewsFor;
    if (closedPreviewsFor.isNegative()) {
      throw new IllegalArgumentException("retention closedPreviewsFor must not be negative");
    }
  }

  public static RetentionPolicy defaults() {
    return new RetentionPolicy(100, Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(14));
  }
}
