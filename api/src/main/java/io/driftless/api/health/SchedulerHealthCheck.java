package io.driftless.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.driftless.scheduler.EnvironmentScheduler;

/** Ready when the scheduler can read its jobs from the shared job store. */
public final class SchedulerHealthCheck extends HealthCheck {
  private final EnvironmentScheduler scheduler;

  public SchedulerHealthCheck(EnvironmentScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  protected Result check() {
    try {
      int jobs = scheduler.scheduled().size();
      return Result.healthy("instance " + scheduler.instanceId() + ", " + jobs + " environment(s)");
    } catch (RuntimeException e) {
      return Result.unhealthy("the scheduler cannot read its jobs: " + e.getMessage());
    }
  }
}
