package io.driftless.api.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client address that only failed deliveries draw from. It never stands in the
 * way of a validly signed push: Git hosts do not retry a 429, so the newest revision would be lost.
 * It bounds how fast one client may guess secrets or probe which repositories are known.
 */
final class FailureLimiter {
  private static final int MAX_CLIENTS = 10_000;

  private final int burst;
  private final double perSecond;
  private final Clock clock;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  FailureLimiter(int burst, int perMinute, Clock clock) {
    this.burst = burst;
    this.perSecond = perMinute / 60.0;
    this.clock = clock;
  }

  /** Counts one failure of {@code client}; false when it has failed too often lately. */
  synchronized boolean failure(String client) {
    long now = clock.millis();
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
    b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1000.0 * perSecond);
    b.at = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  /** Seconds until {@code client} may fail again. */
  long retryAfterSeconds() {
    return perSecond <= 0 ? 60 : (long) Math.ceil(1 / perSecond);
  }
}
