package io.driftless.api.metrics;

import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-environment gauges read from the database at scrape time, so that every replica reports every
 * environment, whichever replica ran it: sync status, out-of-sync, drift, health, managed resources
 * and the last success.
 */
public final class EnvironmentMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentMetrics.class);
  private static final Duration FRESH = Duration.ofSeconds(1);

  private final EnvironmentCatalog environments;
  private final EnvironmentReadings readings;
  private final Clock clock;
  private List<EnvironmentSummary> cached = List.of();
  private Instant listedAt = Instant.MIN;

  public EnvironmentMetrics(
      EnvironmentCatalog environments, Clock clock, PrometheusRegistry registry) {
    this.environments = environments;
    this.readings = new EnvironmentReadings(environments, clock);
    this.clock = clock;
    GaugeWithCallback.builder()
        .name("driftless_environment_sync_status")
        .help(
            "1 for the environment's current status (synced, out_of_sync, running, failed,"
                + " pinned, suspended, unknown)")
        .labelNames("environment", "status")
        .callback(cb -> list().forEach(e -> cb.call(1, name(e), label(e.status().name()))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_out_of_sync")
        .help("1 when live state differed from the desired state at the last check")
        .labelNames("environment")
        .callback(cb -> list().forEach(e -> cb.call(flag(e.state().outOfSync()), name(e))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_drift")
        .help("1 when live state differed from the last applied snapshot at the last check")
        .labelNames("environment")
        .callback(cb -> list().forEach(e -> cb.call(flag(e.state().drift()), name(e))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_health")
        .help("1 for the environment's current health (healthy, progressing, degraded, unknown)")
        .labelNames("environment", "health")
        .callback(cb -> list().forEach(e -> cb.call(1, name(e), health(e.state()))))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_hosts")
        .help(
            "Hosts of an ssh environment in each state (synced, drifted, out_of_sync, failed)"
                + " after its last run or check")
        .labelNames("environment", "state")
        .callback(cb -> list().forEach(e -> hosts(e, cb)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_managed_resources")
        .help("Resources in the environment's inventory")
        .labelNames("environment")
        .callback(cb -> readings.current().forEach((name, r) -> cb.call(r.resources(), name)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_environment_last_success_timestamp_seconds")
        .help(
            "When the environment last ended a run or check without failing, in seconds since"
                + " the epoch")
        .labelNames("environment")
        .callback(
            cb ->
                readings
                    .current()
                    .forEach(
                        (name, r) -> {
                          if (r.lastSuccess() != null) {
                            cb.call(r.lastSuccess().toEpochMilli() / 1000.0, name);
                          }
                        }))
        .register(registry);
  }

  /** Every environment with its status, listed once per scrape. */
  private synchronized List<EnvironmentSummary> list() {
    Instant now = clock.instant();
    if (Duration.between(listedAt, now).compareTo(FRESH) < 0) {
      return cached;
    }
    List<EnvironmentSummary> all = new ArrayList<>();
    try {
      String cursor = null;
      do {
        Page<EnvironmentSummary> page =
            environments.list(EnvironmentQuery.all(Page.MAX_LIMIT).after(cursor));
        all.addAll(page.items());
        cursor = page.nextCursor();
      } while (cursor != null);
    } catch (RuntimeException e) {
      LOG.warn("cannot list environments for metrics: {}", e.toString());
      all = List.of();
    }
    cached = all;
    listedAt = now;
    return all;
  }

  /** One sample per state for an environment with hosts; none for the others. */
  private static void hosts(EnvironmentSummary e, GaugeWithCallback.Callback cb) {
    if (e.places().isEmpty()) {
      return;
    }
    for (PlaceState state : PlaceState.values()) {
      long count = e.places().values().stream().filter(p -> p.state() == state).count();
      cb.call(count, name(e), label(state.name()));
    }
  }

  private static String name(EnvironmentSummary e) {
    return e.environment().name().value();
  }

  private static String health(EnvironmentState state) {
    return label(state.health().name());
  }

  private static double flag(boolean on) {
    return on ? 1 : 0;
  }

  private static String label(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
