package io.driftless.api.metrics;

import io.driftless.api.DaemonThreads;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code driftless_database_up}: 1 when this replica's database answers a query, else 0, checked at
 * scrape time. A scrape waits for the answer at most {@code wait}: against a database that does not
 * answer, the pool holds a query for its connection timeout (30 s), longer than Prometheus waits
 * for a scrape, so the scrape reports 0 at once and that query goes on in the background; the next
 * query starts only after it ended, so a hung database costs one thread, not one per scrape.
 */
public final class DatabaseMetrics {
  static final Duration WAIT = Duration.ofSeconds(2);

  private final BooleanSupplier ping;
  private final Duration wait;
  private CompletableFuture<Boolean> pending;

  DatabaseMetrics(BooleanSupplier ping, Duration wait) {
    this.ping = ping;
    this.wait = wait;
  }

  /** Registers the gauge; {@code ping} is {@code Storage::ping}. */
  public static void register(BooleanSupplier ping, PrometheusRegistry registry) {
    DatabaseMetrics metrics = new DatabaseMetrics(ping, WAIT);
    GaugeWithCallback.builder()
        .name("driftless_database_up")
        .help("1 when the database answered a query at this scrape, 0 when it failed or was slow")
        .callback(cb -> cb.call(metrics.up()))
        .register(registry);
  }

  /** 1 or 0; never waits longer than {@code wait}. */
  synchronized double up() {
    if (pending == null || pending.isDone()) {
      pending = CompletableFuture.supplyAsync(ping::getAsBoolean, DatabaseMetrics::daemon);
    }
    try {
      return pending.get(wait.toMillis(), TimeUnit.MILLISECONDS) ? 1 : 0;
    } catch (TimeoutException | ExecutionException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static void daemon(Runnable query) {
    DaemonThreads.named("driftless-database-ping").newThread(query).start();
  }
}
