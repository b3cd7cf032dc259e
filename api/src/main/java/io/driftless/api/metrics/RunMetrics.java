package io.driftless.api.metrics;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.engine.reconcile.RunObserver;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts runs and times them and their phases, as this replica reconciles them. Every
 * reconciliation attempt counts, a scheduled check that found nothing to do included ({@code
 * trigger="schedule", result="no_op"}); Prometheus sums the replicas.
 */
public final class RunMetrics implements RunObserver {
  private static final double[] RUN_BUCKETS = {
    0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800
  };
  private static final double[] PHASE_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
  };

  private final RunLog runs;
  private final Counter total;
  private final Histogram duration;
  private final Histogram phases;
  // One run per environment at a time, so the environment keys its start.
  private final Map<EnvironmentName, Long> started = new ConcurrentHashMap<>();

  public RunMetrics(RunLog runs, PrometheusRegistry registry) {
    this.runs = runs;
    this.total =
        Counter.builder()
            .name("driftless_runs_total")
            .help("Runs finished, by environment, trigger and result")
            .labelNames("environment", "trigger", "result")
            .register(registry);
    this.duration =
        Histogram.builder()
            .name("driftless_run_duration_seconds")
            .help("How long runs took, from start to result")
            .labelNames("result")
            .classicOnly()
            .classicUpperBounds(RUN_BUCKETS)
            .register(registry);
    this.phases =
        Histogram.builder()
            .name("driftless_run_phase_duration_seconds")
            .help(
                "How long each phase of a run took (fetch, verify, render, read_live, diff,"
                    + " apply, health)")
            .labelNames("phase")
            .classicOnly()
            .classicUpperBounds(PHASE_BUCKETS)
            .register(registry);
  }

  @Override
  public void runStarted(EnvironmentName environment, RunId run) {
    started.put(environment, System.nanoTime());
  }

  @Override
  public void phaseFinished(EnvironmentName environment, RunId run, Phase phase, Duration took) {
    phases.labelValues(label(phase.name())).observe(took.toNanos() / 1e9);
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    String status = label(result.status().name());
    total.labelValues(environment.value(), label(trigger(run).name()), status).inc();
    Long t0 = started.remove(environment);
    if (t0 != null) {
      duration.labelValues(status).observe((System.nanoTime() - t0) / 1e9);
    }
  }

  /** A scheduled check has no run row until it changes something; the row says the rest. */
  private TriggerType trigger(RunId run) {
    if (run == null) {
      return TriggerType.SCHEDULE;
    }
    return runs.summary(run)
        .map(RunSummary::trigger)
        .map(t -> t.type())
        .orElse(TriggerType.SCHEDULE);
  }

  private static String label(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
