package io.driftless.api.config;

import io.driftless.scheduler.SchedulerConfig;
import io.dropwizard.util.Duration;

/**
 * How many environments reconcile at once on this node, whether replicas share the Quartz tables
 * (PostgreSQL only), and how failed runs are retried ({@code retryBaseDelay} doubled per attempt up
 * to {@code retryMaxDelay}; 10 s and 10 min when absent).
 */
public record SchedulerSettings(
    Integer threads,
    Boolean clustered,
    Duration defaultInterval,
    Integer maxRetries,
    String instanceId,
    Duration retryBaseDelay,
    Duration retryMaxDelay) {

  public SchedulerSettings {
    threads = threads == null ? SchedulerConfig.DEFAULT_THREADS : threads;
    clustered = clustered != null && clustered;
    maxRetries = maxRetries == null ? 5 : maxRetries;
    try {
      // Checked as the file is read, so a bad value names its field instead of failing the start.
      build(
          threads,
          clustered,
          defaultInterval,
          maxRetries,
          instanceId,
          retryBaseDelay,
          retryMaxDelay);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("scheduler: " + e.getMessage(), e);
    }
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(null, null, null, null, null, null, null);
  }

  public SchedulerConfig buildSchedulerConfig() {
    return build(
        threads, clustered, defaultInterval, maxRetries, instanceId, retryBaseDelay, retryMaxDelay);
  }

  private static SchedulerConfig build(
      int threads,
      boolean clustered,
      Duration defaultInterval,
      int maxRetries,
      String instanceId,
      Duration retryBaseDelay,
      Duration retryMaxDelay) {
    return new SchedulerConfig(
        threads,
        clustered,
        null,
        java(defaultInterval),
        maxRetries,
        java(retryBaseDelay),
        java(retryMaxDelay),
        null,
        instanceId);
  }

  private static java.time.Duration java(Duration d) {
    return d == null ? null : d.toJavaDuration();
  }
}
