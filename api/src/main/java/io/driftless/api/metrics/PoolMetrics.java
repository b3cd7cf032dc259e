package io.driftless.api.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
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
            cb -> {
              HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
              if (pool != null) {
                cb.call(pool.getActiveConnections(), "active");
                cb.call(pool.getIdleConnections(), "idle");
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_db_pool_max_connections")
        .help("The most connections the database pool opens")
        .callback(cb -> cb.call(hikari.getMaximumPoolSize()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_db_pool_waiting_threads")
        .help("Threads waiting for a database connection")
        .callback(
            cb -> {
              HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
              if (pool != null) {
                cb.call(pool.getThreadsAwaitingConnection());
              }
            })
        .register(registry);
  }
}
