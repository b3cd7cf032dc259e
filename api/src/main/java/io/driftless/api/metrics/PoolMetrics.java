package io.driftless.api.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The database connection pool (HikariCP), read from the pool at scrape time. */
public final class PoolMetrics {
  private PoolMetrics() {}

  public static void register(DataSource dataSource, PrometheusRegistry registry) {
    if (!(dataSource instanceof HikariDataSource hikari)) {
      return;
    }
    GaugeWithCallback.builder()
        .name("driftless_db_pool_connections")
        .help("Connections of the database pool, by state (active, idle)")
        .labelNames("state")
        .callback(
            cb ->
                whenStarted(
                    hikari,
                    pool -> {
                      cb.call(pool.getActiveConnections(), "active");
                      cb.call(pool.getIdleConnections(), "idle");
                    }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_db_pool_max_connections")
        .help("The most connections the database pool opens")
        .callback(cb -> cb.call(hikari.getMaximumPoolSize()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_db_pool_waiting_threads")
        .help("Threads waiting for a database connection")
        .callback(cb -> whenStarted(hikari, pool -> cb.call(pool.getThreadsAwaitingConnection())))
        .register(registry);
  }

  /** Reads the pool, which is there once the data source has started it; nothing before. */
  private static void whenStarted(HikariDataSource hikari, Consumer<HikariPoolMXBean> read) {
    HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
    if (pool != null) {
      read.accept(pool);
    }
  }
}
