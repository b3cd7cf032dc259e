package io.driftless.scheduler;

import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.ReconcileRequest;

/**
 * What a fired trigger hands its environment to: in the server, {@code Reconciler::reconcile}.
 * Called on a scheduler worker thread, never twice at once for one environment across the cluster.
 */
@FunctionalInterface
public interface ReconcileFunction {

  /**
   * Reconciles one environment.
   *
   * @throws io.driftless.engine.reconcile.EnvironmentBusyException when another run holds the
   *     environment's lock; the scheduler fires the request again shortly
   * @throws io.driftless.engine.reconcile.UnknownEnvironmentException when the environment is gone;
   *     the scheduler drops its job
   */
  ReconcileOutcome reconcile(ReconcileRequest request);
}
