package io.driftless.engine.port.memory;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotificationClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The quiet period of notifications in memory, for one process. */
public final class MemoryNotificationClaims implements NotificationClaims {
  private final Clock clock;
  private final Map<List<String>, Instant> sent = new HashMap<>();
  private final Map<EnvironmentName, Long> recoveries = new HashMap<>();

  public MemoryNotificationClaims(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<Instant> claimAt(
      EnvironmentName environment, String event, String target, Duration quietPeriod) {
    InvalidInputException.checkLength("event", event, 32);
    InvalidInputException.checkLength("target", target, 64);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<String> key = List.of(environment.value(), event, target);
    Instant last = sent.get(key);
    if (last != null && last.isAfter(now.minus(quietPeriod))) {
      return Optional.empty();
    }
    sent.put(key, now);
    return Optional.of(now);
  }

  @Override
  public synchronized boolean release(
      EnvironmentName environment, String event, String target, Instant claimedAt) {
    return sent.remove(List.of(environment.value(), event, target), claimedAt);
  }

  @Override
  public synchronized boolean claimRecovery(EnvironmentName environment, RunId failedRun) {
    Long announced = recoveries.get(environment);
    if (announced != null && announced >= failedRun.value()) {
      return false;
    }
    recoveries.put(environment, failedRun.value());
    return true;
  }

  @Override
  public synchronized int forgetBefore(Instant cutoff) {
    return Retention.removeBefore(sent.values(), at -> at, cutoff);
  }
}
