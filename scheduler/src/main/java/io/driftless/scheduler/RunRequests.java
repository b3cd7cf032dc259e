package io.driftless.scheduler;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;

/**
 * Where the API hands a run it wants: the scheduler queues and coalesces it. What operators' and
 * webhooks' actions need of {@link EnvironmentScheduler}, so that they can be tested without it.
 */
public interface RunRequests {

  /**
   * Queues a run of {@code environment}, or joins the one waiting; {@code rollbackOf} names the run
   * a rollback restores (null otherwise), and a rollback never joins a waiting run.
   *
   * @throws io.driftless.engine.reconcile.UnknownEnvironmentException when the environment is not
   *     scheduled
   */
  QueuedRun request(
      EnvironmentName environment, Trigger trigger, SyncOptions options, RunId rollbackOf);

  /** As {@link #request(EnvironmentName, Trigger, SyncOptions, RunId)} for any other run. */
  default QueuedRun request(EnvironmentName environment, Trigger trigger, SyncOptions options) {
    return request(environment, trigger, options, null);
  }

  /** Schedules (or reschedules) the environment's checks from its sync policy. */
  void schedule(Environment environment);
}
