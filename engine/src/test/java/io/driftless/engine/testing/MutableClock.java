package io.driftless.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand instead of sleeping: a fixed instant, or ({@link #ticking()}) the
 * system clock plus an offset the test moves forward.
 */
public final class MutableClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  private MutableClock(Clock base) {
    this.base = base;
  }

  public MutableClock(Instant start) {
    this(Clock.fixed(start, ZoneOffset.UTC));
  }

  public static MutableClock startingAt(String instant) {
    return new MutableClock(Instant.parse(instant));
  }

  /**
   * The system clock plus an offset: time still passes for the scheduler and leases, and a test
   * skips a quiet period without sleeping through it.
   */
  public static MutableClock ticking() {
    return new MutableClock(Clock.systemUTC());
  }

  public synchronized void advance(Duration by) {
    offset = offset.plus(by);
  }

  public synchronized void set(Instant instant) {
    offset = Duration.between(base.instant(), instant);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
