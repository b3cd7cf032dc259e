package io.driftless.api.config;

import io.driftless.scheduler.SchedulerConfig;
import io.dropwizard.util.Duration;

/**
 * How many environments reconcile at once on this node, and whether replicas share the Quartz
 * tables (PostgreSQL only).
 */
public record SchedulerSettings(
    Integer threads,
    Boolean clustered,
    Duration defaultInterval,
    Integer maxRetries,
    String instanceId) {

  public SchedulerSettings {
    threads = threads == null ? SchedulerConfig.DEFAULT_THREADS : threads;
    clustered = clustered != null && clustered;
    maxRetries = maxRetries == null ? 5 : maxRetries;
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(null, null, null, null, null);
  }

  public SchedulerConfig buildSchedulerConfig() {
    return new SchedulerConfig(
        threads,
        clustered,
        null,
        defaultInterval == null ? null : defaultInterval.toJavaDuration(),
        maxRetries,
        null,
        null,
        null,
        instanceId);
  }
}
