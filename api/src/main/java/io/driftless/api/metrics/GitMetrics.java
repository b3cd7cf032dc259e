package io.driftless.api.metrics;

import io.driftless.engine.git.jgit.JGitMirror;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The Git mirror's own counters, read at scrape time: the engine knows nothing of Prometheus. */
public final class GitMetrics {
  private GitMetrics() {}

  public static void register(JGitMirror git, PrometheusRegistry registry) {
    CounterWithCallback.builder()
        .name("driftless_git_requests_total")
        .help("Requests to Git remotes: fetches and remote-head checks (ls-remote)")
        .labelNames("operation")
        .callback(
            cb -> {
              cb.call(git.fetchCount(), "fetch");
              cb.call(git.remoteCheckCount(), "remote_check");
            })
        .register(registry);
    CounterWithCallback.builder()
        .name("driftless_git_failures_total")
        .help("Requests to Git remotes that failed")
        .callback(cb -> cb.call(git.failureCount()))
        .register(registry);
  }
}
