package io.driftless.engine.reconcile;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: after an apply whose target is not healthy, with automatic rollback on, pins the
 * environment to the last healthy snapshot (an automatic pin, released by the next new commit) and
 * returns the request of the rollback run, which the reconciler runs at once under the same lock.
 */
record AutomaticRollback(EnginePorts ports, Clock clock, RunObserver observer) {
  private static final Logger LOG = LoggerFactory.getLogger(AutomaticRollback.class);

  /**
   * The rollback run to do after {@code failed} applied {@code applied} at {@code revision} and
   * health failed; empty when the environment does not roll back automatically, the failed run was
   * itself a rollback, or there is nothing healthy and different to roll back to.
   */
  Optional<ReconcileRequest> after(
      Environment environment,
      TriggerType trigger,
      RunId failed,
      Revision revision,
      DesiredState applied,
      RunError error) {
    EnvironmentName name = environment.name();
    if (!environment.sync().autoRollback()
        || trigger == TriggerType.AUTO_ROLLBACK
        || trigger == TriggerType.ROLLBACK) {
      return Optional.empty();
    }
    Optional<RunId> healthy = ports.snapshots().lastHealthy(name);
    Optional<Snapshot> snapshot = healthy.flatMap(run -> ports.snapshots().ofRun(run));
    if (snapshot.isEmpty()) {
      LOG.warn("environment {}: health failed and no healthy snapshot to roll back to", name);
      return Optional.empty();
    }
    if (snapshot.get().revision().equals(revision)
        && snapshot.get().entries().equals(Snapshot.of(applied).entries())) {
      LOG.warn(
          "environment {}: health failed at {}, which is also the last healthy state; not"
              + " rolling back",
          name,
          revision.shortId());
      return Optional.empty();
    }
    String reason =
        "health failed after run "
            + failed
            + " applied "
            + revision.shortId()
            + ": "
            + error.message();
    Pin pin =
        new Pin(
            snapshot.get().revision(),
            true,
            Pin.AUTOMATIC_ACTOR,
            reason,
            clock.instant(),
            healthy.get(),
            null,
            null);
    ports.environments().pin(name, pin);
    observer.pinned(name, pin);
    Trigger rollback = new Trigger(TriggerType.AUTO_ROLLBACK, Pin.AUTOMATIC_ACTOR, reason);
    RunId next = ports.runs().create(name, rollback, clock.instant(), healthy.get());
    LOG.warn(
        "environment {}: {}; rolling back to run {} at {} in run {}",
        name,
        reason,
        healthy.get(),
        pin.revision().shortId(),
        next);
    return Optional.of(new ReconcileRequest(name, rollback, SyncOptions.defaults(), next));
  }
}
