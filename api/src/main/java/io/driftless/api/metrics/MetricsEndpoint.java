package io.driftless.api.metrics;

import io.driftless.api.DriftlessContext;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;

/**
 * {@code GET /metrics} on the application port: the context's registry (run, webhook and scheduler
 * metrics), plus per-environment gauges read from the database, Git, the connection pool, HTTP and
 * the JVM. Public, as Prometheus scrapes it without credentials; it holds names and figures, no
 * secrets.
 */
public final class MetricsEndpoint {
  public static final String PATH = "/metrics";

  private MetricsEndpoint() {}

  public static void register(Environment environment, DriftlessContext ctx, Clock clock) {
    PrometheusRegistry registry = ctx.registry();
    JvmMetrics.builder().register(registry);
    GitMetrics.register(ctx.git(), registry);
    PoolMetrics.register(ctx.pool(), registry);
    DatabaseMetrics.register(ctx::databaseAnswers, registry);
    HttpMetrics.registerThreadPool(environment.metrics(), registry);
    new EnvironmentMetrics(ctx.stores().environments(), clock, registry);
    ctx.observers().add(new RunMetrics(ctx.stores().runs(), registry));
    environment
        .servlets()
        .addFilter("driftless-http-metrics", new HttpMetrics(registry))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment
        .servlets()
        .addServlet("driftless-metrics", new PrometheusMetricsServlet(registry))
        .addMapping(PATH);
  }
}
