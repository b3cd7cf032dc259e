package io.driftless.api.model;

import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.quartz.CronExpression;

/**
 * The sync policy on the wire. Missing booleans take the defaults (auto on, the rest off); give
 * {@code interval} or {@code cron} (with {@code timeZone}), not both.
 */
public record SyncPolicyBody(
    Boolean auto,
    Boolean prune,
    Boolean selfHeal,
    Boolean autoRollback,
    String interval,
    String cron,
    String timeZone,
    List<WindowBody> windows) {

  /** A window opening at each {@code cron} fire time for {@code duration}. */
  public record WindowBody(String kind, String cron, String duration, String timeZone) {}

  public SyncPolicy toDomain() {
    SyncPolicy defaults = SyncPolicy.defaults();
    if (interval != null && cron != null) {
      throw new InvalidFieldException("sync.cron", "give sync.interval or sync.cron, not both");
    }
    Schedule schedule = null;
    if (cron != null) {
      requireCron("sync.cron", cron);
      ZoneId zone = zone("sync.timeZone", timeZone);
      schedule = Fields.check("sync.cron", () -> new Schedule.Cron(cron, zone));
    } else if (interval != null) {
      var every = Fields.duration("sync.interval", interval);
      schedule = Fields.check("sync.interval", () -> new Schedule.Interval(every));
    }
    List<SyncWindow> parsed = new ArrayList<>();
    if (windows != null) {
      for (int i = 0; i < windows.size(); i++) {
        String field = "sync.windows[" + i + "]";
        WindowBody w = Fields.required(field, windows.get(i));
        SyncWindow.Kind kind =
            Fields.required(
                field + ".kind",
                Fields.enumValue(field + ".kind", SyncWindow.Kind.class, w.kind()));
        requireCron(field + ".cron", Fields.required(field + ".cron", w.cron()));
        var duration =
            Fields.required(
                field + ".duration", Fields.duration(field + ".duration", w.duration()));
        ZoneId zone = zone(field + ".timeZone", w.timeZone());
        parsed.add(Fields.check(field, () -> new SyncWindow(kind, w.cron(), duration, zone)));
      }
    }
    return new SyncPolicy(
        auto == null ? defaults.auto() : auto,
        prune == null ? defaults.prune() : prune,
        selfHeal == null ? defaults.selfHeal() : selfHeal,
        autoRollback == null ? defaults.autoRollback() : autoRollback,
        schedule,
        parsed);
  }

  public static SyncPolicyBody from(SyncPolicy policy) {
    String interval = null;
    String cron = null;
    String zone = null;
    if (policy.schedule() instanceof Schedule.Interval i) {
      interval = Fields.format(i.every());
    } else if (policy.schedule() instanceof Schedule.Cron c) {
      cron = c.expression();
      zone = c.timeZone().getId();
    }
    return new SyncPolicyBody(
        policy.auto(),
        policy.prune(),
        policy.selfHeal(),
        policy.autoRollback(),
        interval,
        cron,
        zone,
        policy.windows().stream()
            .map(
                w ->
                    new WindowBody(
                        Fields.lower(w.kind()),
                        w.cron(),
                        Fields.format(w.duration()),
                        w.timeZone().getId()))
            .toList());
  }

  private static void requireCron(String field, String expression) {
    if (!CronExpression.isValidExpression(expression)) {
      throw new InvalidFieldException(
          field,
          field
              + " is not a Quartz cron expression (seconds minutes hours day-of-month month"
              + " day-of-week): "
              + expression);
    }
  }

  private static ZoneId zone(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new InvalidFieldException(field, field + " is not a time zone: " + value);
    }
  }
}
