package io.driftless.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aBurstOfFailuresThenOnePerRefill() {
    MovingClock clock = new MovingClock();
    FailureLimiter limiter = new FailureLimiter(3, 6, clock);
    assertThat(limiter.failure("a")).isTrue();
    assertThat(limiter.failure("a")).isTrue();
    assertThat(limiter.failure("a")).isTrue();
    assertThat(limiter.failure("a")).isFalse();
    assertThat(limiter.failure("b")).as("per client").isTrue();
    clock.now = clock.now.plus(Duration.ofSeconds(10));
    assertThat(limiter.failure("a")).isTrue();
    assertThat(limiter.failure("a")).isFalse();
    assertThat(limiter.retryAfterSeconds()).isEqualTo(10);
  }
}
