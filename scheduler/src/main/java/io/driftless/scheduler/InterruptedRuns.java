package io.driftless.scheduler;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;

/**
 * Marks runs that cannot finish as {@code INTERRUPTED}: runs left {@code RUNNING} by a process that
 * died, and queued runs that will never start. The server implements it with the run repository.
 */
public interface InterruptedRuns {

  /**
   * Marks every run of {@code environment} that is still {@code RUNNING} as interrupted. Called
   * only while this node holds the environment's job, so no live run of it exists anywhere.
   *
   * @return how many runs were marked
   */
  int interruptRunning(EnvironmentName environment, String reason);

  /**
   * Marks every {@code RUNNING} run of every environment as interrupted. Called at the start of a
   * single node, before its scheduler starts, when no run can be live.
   *
   * @return how many runs were marked
   */
  int interruptAllRunning(String reason);

  /** Marks one queued run that will never start (it was coalesced into another) as interrupted. */
  void interrupt(RunId run, String reason);

  /** For tests and setups without run history: marks nothing. */
  InterruptedRuns NONE =
      new InterruptedRuns() {
        @Override
        public int interruptRunning(EnvironmentName environment, String reason) {
          return 0;
        }

        @Override
        public int interruptAllRunning(String reason) {
          return 0;
        }

        @Override
        public void interrupt(RunId run, String reason) {}
      };
}
