package io.driftless.api.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP requests on the application port, timed by a servlet filter; and Jetty's thread pool, read
 * from the gauges Dropwizard keeps for it. Labels stay small: the method and the status class, no
 * paths. A streaming request (Server-Sent Events) is timed until it turns asynchronous.
 */
public final class HttpMetrics implements Filter {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final String THREAD_POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool.dw.";

  private final Histogram requests;

  public HttpMetrics(PrometheusRegistry registry) {
    this.requests =
        Histogram.builder()
            .name("driftless_http_request_duration_seconds")
            .help("HTTP requests served on the application port, by method and status class")
            .labelNames("method", "status")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
  }

  /** Jetty's thread pool, from Dropwizard's gauges, under names Prometheus accepts. */
  public static void registerThreadPool(MetricRegistry dropwizard, PrometheusRegistry registry) {
    gauge(dropwizard, registry, "size", "driftless_http_threads", "Threads in Jetty's pool");
    gauge(
        dropwizard,
        registry,
        "utilization",
        "driftless_http_threads_utilization_ratio",
        "Share of Jetty's threads busy, 0 to 1");
    gauge(
        dropwizard,
        registry,
        "jobs",
        "driftless_http_queued_jobs",
        "Requests and tasks waiting for a Jetty thread");
  }

  private static void gauge(
      MetricRegistry dropwizard,
      PrometheusRegistry registry,
      String suffix,
      String name,
      String help) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            cb -> {
              Gauge<?> gauge = dropwizard.getGauges().get(THREAD_POOL + suffix);
              if (gauge != null && gauge.getValue() instanceof Number n) {
                cb.call(n.doubleValue());
              }
            })
        .register(registry);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long t0 = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (request instanceof HttpServletRequest http
          && response instanceof HttpServletResponse answer) {
        String method = http.getMethod().toUpperCase(Locale.ROOT);
        requests
            .labelValues(
                METHODS.contains(method) ? method : "OTHER", answer.getStatus() / 100 + "xx")
            .observe((System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
