package io.driftless.scheduler;

import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.RunStore;
import java.util.Objects;

/**
 * What the scheduler needs from the rest of the platform, wired in the server's composition root.
 *
 * @param reconcile the engine entry point, {@code Reconciler::reconcile}
 * @param runs creates the queued run of a request, so that the API can answer with its id
 * @param interruptedRuns marks runs of a dead process as interrupted
 * @param auditor records forced syncs inside closed windows
 * @param locks the environment leases the reconciler takes under {@link
 *     SchedulerConfig#leaseOwner()}; the scheduler breaks those of dead processes. Null when
 *     nothing takes leases (tests of scheduling alone).
 */
public record SchedulerPorts(
    ReconcileFunction reconcile,
    RunStore runs,
    InterruptedRuns interruptedRuns,
    Auditor auditor,
    EnvironmentLocks locks) {
  public SchedulerPorts {
    Objects.requireNonNull(reconcile, "reconcile");
    Objects.requireNonNull(runs, "runs");
    interruptedRuns = interruptedRuns == null ? InterruptedRuns.NONE : interruptedRuns;
    auditor = auditor == null ? Auditor.NONE : auditor;
  }

  /** Ports without leases. */
  public SchedulerPorts(
      ReconcileFunction reconcile,
      RunStore runs,
      InterruptedRuns interruptedRuns,
      Auditor auditor) {
    this(reconcile, runs, interruptedRuns, auditor, null);
  }
}
