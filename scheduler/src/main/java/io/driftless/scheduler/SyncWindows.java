package io.driftless.scheduler;

import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Decides whether automatic syncs may run at an instant. A window opens at each fire time of its
 * Quartz cron expression (in its time zone) and stays open for its duration. An active deny window
 * closes syncs; when an environment has allow windows, at least one must be active. Time comes from
 * the injected clock.
 */
public final class SyncWindows {
  // Bounds the walks below; a window firing every second for a day is a configuration mistake.
  private static final int MAX_STEPS = 10_000;

  private final Clock clock;

  public SyncWindows(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Instant now() {
    return clock.instant();
  }

  public boolean allows(SyncPolicy policy, Instant at) {
    return allows(policy.windows(), at);
  }

  public boolean allowsNow(List<SyncWindow> windows) {
    return allows(windows, clock.instant());
  }

  public boolean allows(List<SyncWindow> windows, Instant at) {
    boolean anyAllow = false;
    boolean allowActive = false;
    for (SyncWindow window : windows) {
      boolean active = active(window, at);
      if (window.kind() == SyncWindow.Kind.DENY && active) {
        return false;
      }
      if (window.kind() == SyncWindow.Kind.ALLOW) {
        anyAllow = true;
        allowActive |= active;
      }
    }
    return !anyAllow || allowActive;
  }

  /** The first instant at or after {@code from} when syncs are allowed; empty if none is found. */
  public Optional<Instant> nextAllowed(List<SyncWindow> windows, Instant from) {
    Instant t = from;
    for (int i = 0; i < 100; i++) {
      if (allows(windows, t)) {
        return Optional.of(t);
      }
      Instant next = null;
      for (SyncWindow window : windows) {
        if (window.kind() == SyncWindow.Kind.DENY && active(window, t)) {
          next = later(next, activeEnd(window, t));
        }
      }
      if (next == null) {
        // No deny window is active, so no allow window is: wait for the next one to open.
        for (SyncWindow window : windows) {
          if (window.kind() == SyncWindow.Kind.ALLOW) {
            Date opens = cron(window).getTimeAfter(Date.from(t));
            if (opens != null) {
              next = earlier(next, opens.toInstant());
            }
          }
        }
      }
      if (next == null || !next.isAfter(t)) {
        return Optional.empty();
      }
      t = next;
    }
    return Optional.empty();
  }

  /** Fails with IllegalArgumentException when a window's cron expression does not parse. */
  public static void validate(List<SyncWindow> windows) {
    windows.forEach(SyncWindows::cron);
  }

  static boolean active(SyncWindow window, Instant at) {
    // Open at t when a fire time f satisfies t - duration < f <= t.
    Date first = cron(window).getTimeAfter(Date.from(at.minus(window.duration())));
    return first != null && !first.toInstant().isAfter(at);
  }

  /**
   * When the window active at {@code at} closes: the last opening at or before it, plus duration.
   */
  private static Instant activeEnd(SyncWindow window, Instant at) {
    CronExpression cron = cron(window);
    Date last = cron.getTimeAfter(Date.from(at.minus(window.duration())));
    for (int i = 0; i < MAX_STEPS; i++) {
      Date next = cron.getTimeAfter(last);
      if (next == null || next.toInstant().isAfter(at)) {
        break;
      }
      last = next;
    }
    return last.toInstant().plus(window.duration());
  }

  static CronExpression cron(SyncWindow window) {
    try {
      CronExpression cron = new CronExpression(window.cron());
      cron.setTimeZone(TimeZone.getTimeZone(window.timeZone()));
      return cron;
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "sync window cron '"
              + window.cron()
              + "' is not a Quartz cron expression: "
              + e.getMessage(),
          e);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
