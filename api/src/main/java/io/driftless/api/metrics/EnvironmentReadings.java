package io.driftless.api.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-environment figures that storage's listings do not carry, read in one query: managed
 * resources and the time of the last success. Kept here until storage offers it (all other SQL
 * lives in storage); read-only, and cached for a second so that one scrape queries once.
 */
final class EnvironmentReadings {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReadings.class);
  private static final Duration FRESH = Duration.ofSeconds(1);

  // A success is a run that succeeded or had nothing to do, or a scheduled check (which leaves
  // no run behind) made while the last run had not failed.
  private static final String SQL =
      "SELECT e.name,"
          + " (SELECT COUNT(*) FROM inventory i WHERE i.environment_id = e.id) AS resources,"
          + " (SELECT MAX(s.finished_at) FROM runs s WHERE s.environment_id = e.id"
          + "   AND s.status IN ('SUCCEEDED', 'NO_OP')) AS last_run_success,"
          + " CASE WHEN r.status IS NULL OR r.status NOT IN ('FAILED', 'INTERRUPTED')"
          + "   THEN e.last_checked_at END AS last_check_success"
          + " FROM environments e LEFT JOIN runs r ON r.id = e.last_run_id";

  /** One environment's figures; {@code lastSuccess} null when it never succeeded. */
  record Reading(long resources, Instant lastSuccess) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private Map<String, Reading> cached = Map.of();
  private Instant readAt = Instant.MIN;

  EnvironmentReadings(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** By environment name; empty when the database does not answer (the scrape goes on). */
  synchronized Map<String, Reading> current() {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(FRESH) < 0) {
      return cached;
    }
    try {
      cached = read();
    } catch (RuntimeException e) {
      LOG.warn("cannot read environment metrics: {}", e.toString());
      cached = Map.of();
    }
    readAt = now;
    return cached;
  }

  /** Reads every environment's figures now. */
  Map<String, Reading> read() {
    List<Map.Entry<String, Reading>> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(SQL)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getString("name"),
                                new Reading(
                                    rs.getLong("resources"),
                                    newest(
                                        instant(
                                            rs.getObject("last_run_success", OffsetDateTime.class)),
                                        instant(
                                            rs.getObject(
                                                "last_check_success", OffsetDateTime.class))))))
                    .list());
    Map<String, Reading> read = new HashMap<>();
    rows.forEach(e -> read.put(e.getKey(), e.getValue()));
    return read;
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static Instant newest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
