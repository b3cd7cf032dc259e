package io.driftless.engine.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How and when an environment is kept in sync.
 *
 * @param auto apply new revisions without being asked
 * @param prune delete inventory resources that left desired state
 * @param selfHeal revert live changes made by hand when nothing new was committed
 * @param autoRollback re-apply the last healthy snapshot when health fails after an apply
 * @param schedule when to check; interval with jitter, or cron in a time zone
 * @param windows allow and deny windows for automatic syncs
 */
public record SyncPolicy(
    boolean auto,
    boolean prune,
    boolean selfHeal,
    boolean autoRollback,
    Schedule schedule,
    List<SyncWindow> windows) {

  public SyncPolicy {
    schedule = schedule == null ? Schedule.defaultInterval() : schedule;
    windows = windows == null ? List.of() : List.copyOf(windows);
  }

  public static SyncPolicy defaults() {
    return new SyncPolicy(true, false, false, false, Schedule.defaultInterval(), List.of());
  }

  public SyncPolicy withPrune(boolean prune) {
    return new SyncPolicy(auto, prune, selfHeal, autoRollback, schedule, windows);
  }

  public SyncPolicy withSelfHeal(boolean selfHeal) {
    return new SyncPolicy(auto, prune, selfHeal, autoRollback, schedule, windows);
  }

  public SyncPolicy withAuto(boolean auto) {
    return new SyncPolicy(auto, prune, selfHeal, autoRollback, schedule, windows);
  }

  /** When the scheduler checks an environment. */
  public sealed interface Schedule {
    Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

    static Schedule defaultInterval() {
      return new Interval(DEFAULT_INTERVAL);
    }

    /** Every {@code every}, each environment at its own phase within the interval. */
    record Interval(Duration every) implements Schedule {
      public Interval {
        Objects.requireNonNull(every, "interval");
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
          throw new IllegalArgumentException("interval must be at least 1 second");
        }
      }
    }

    /** A Quartz cron expression evaluated in a time zone. */
    record Cron(String expression, ZoneId timeZone) implements Schedule {
      public Cron {
        Require.text(expression, "cron expression is required");
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
      }
    }
  }

  /** A window opening at each {@code cron} fire time for {@code duration}. */
  public record SyncWindow(Kind kind, String cron, Duration duration, ZoneId timeZone) {
    public enum Kind {
      ALLOW,
      DENY
    }

    public SyncWindow {
      Objects.requireNonNull(kind, "window kind");
      Require.text(cron, "window cron is required");
      Objects.requireNonNull(duration, "window duration");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("window duration must be positive");
      }
      timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }
  }
}
