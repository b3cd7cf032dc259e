package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.InventoryStore;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.reconcile.Planner.Planned;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step: applies the selected changes in plan order, then keeps the books of what was written (the
 * snapshot and the new inventory), runs the post-apply command and waits for health.
 */
record Applier(SnapshotStore snapshots, InventoryStore inventories) {
  /**
   * What writing the changes did.
   *
   * @param outcomes one per planned change, in plan order
   * @param error why a change failed; null when all were written
   * @param unhealthy the changes were written but did not become healthy (a rollout stopped on a
   *     failed health check): an automatic rollback may follow
   */
  record Written(List<ResourceOutcome> outcomes, RunError error, boolean unhealthy) {}

  /**
   * What followed a complete write.
   *
   * @param commands what the post-apply command printed
   * @param health the target's health; null when post-apply failed and it was not asked
   * @param error why the run failed; null when the target is healthy
   */
  record Settled(List<CommandResult> commands, HealthReport health, RunError error) {

    /** The health to record with the applied revision: degraded when post-apply failed. */
    Health recordedHealth() {
      return health == null ? Health.DEGRADED : health.health();
    }
  }

  /**
   * Writes the selected changes in plan order. When one fails, what was written before it enters
   * the inventory, and the outcomes say which changes were applied, which failed and which were not
   * attempted.
   */
  Written write(
      Target target, Planned planned, Selection selection, HeldLease lease, PhaseTimer timer) {
    recordCreatesAhead(planned.inventory(), selection.toApply(), lease);
    try {
      timer.timed(Phase.APPLY, () -> target.apply(selection.toApply()));
    } catch (ApplyException e) {
      inventories.replace(lease.current(), inventoryAfterFailure(planned.inventory(), e.applied()));
      return new Written(partial(planned.plan(), selection, e), RunError.of(e), e.unhealthy());
    }
    return new Written(applied(planned.plan(), selection), null, false);
  }

  /**
   * After every change was written: saves the snapshot of {@code run} and the new inventory, runs
   * the post-apply command, then waits for the target to report healthy.
   */
  Settled settle(
      Target target,
      DesiredState desired,
      Planned planned,
      RunId run,
      HeldLease lease,
      PhaseTimer timer) {
    snapshots.save(lease.current(), run, desired);
    inventories.replace(lease.current(), inventoryAfterApply(desired, planned));

    Optional<CommandResult> post = target.postApply();
    List<CommandResult> commands = post.map(List::of).orElse(List.of());
    if (post.isPresent() && !post.get().succeeded()) {
      CommandResult r = post.get();
      String how =
          r.timedOut()
              ? "timed out after " + r.duration().toSeconds() + "s"
              : "exited " + r.exitCode();
      RunError error =
          RunError.of(
              new CommandFailedException("target.post_apply", "post-apply command " + how, r));
      return new Settled(commands, null, error);
    }
    HealthReport health = timer.timed(Phase.HEALTH, () -> target.health(target.healthTimeout()));
    if (health.health() == Health.HEALTHY) {
      return new Settled(commands, health, null);
    }
    RunError error =
        RunError.of(
            new CommandFailedException(
                "target.unhealthy",
                "target did not report healthy within "
                    + target.healthTimeout().toSeconds()
                    + "s: "
                    + health.message(),
                null));
    return new Settled(commands, health, error);
  }

  /** The new inventory: what is desired, plus inventory keys kept because prune is off. */
  private static Inventory inventoryAfterApply(DesiredState desired, Planned planned) {
    TreeSet<ResourceKey> keys = new TreeSet<>(desired.resources().keySet());
    for (ResourceKey kept : planned.plan().pruneSkipped()) {
      if (planned.live().get(kept) != null) {
        keys.add(kept);
      }
    }
    return new Inventory(keys);
  }

  /** After a partial apply, what was written is managed, and what was deleted is gone. */
  /**
   * Before an apply, adds the keys it creates to the inventory: if the process dies mid-apply, the
   * files it created are managed, so a later run prunes them when they leave desired state instead
   * of leaving them behind as if a person had put them there. Keys it deletes stay until they are
   * gone; an adopted file was there before, so it is managed only once written.
   */
  private void recordCreatesAhead(Inventory inventory, List<Change> toApply, HeldLease lease) {
    TreeSet<ResourceKey> keys = new TreeSet<>(inventory.keys());
    for (Change change : toApply) {
      if (change.action() == ChangeAction.CREATE) {
        keys.add(change.key());
      }
    }
    if (keys.size() > inventory.keys().size()) {
      inventories.replace(lease.current(), new Inventory(keys));
    }
  }

  private static Inventory inventoryAfterFailure(Inventory before, List<Change> applied) {
    TreeSet<ResourceKey> keys = new TreeSet<>(before.keys());
    for (Change change : applied) {
      if (change.action() == ChangeAction.DELETE) {
        keys.remove(change.key());
      } else {
        keys.add(change.key());
      }
    }
    return new Inventory(keys);
  }

  private static List<ResourceOutcome> applied(Plan plan, Selection selection) {
    List<ResourceOutcome> result = new ArrayList<>(selection.skipped().size());
    for (int i = 0; i < selection.skipped().size(); i++) {
      ResourceOutcome skipped = selection.skipped().get(i);
      result.add(
          skipped != null
              ? skipped
              : new ResourceOutcome(plan.changes().get(i), ResourceOutcome.Result.APPLIED, ""));
    }
    return result;
  }

  private static List<ResourceOutcome> partial(Plan plan, Selection selection, ApplyException e) {
    Set<ResourceKey> done = new HashSet<>();
    e.applied().forEach(c -> done.add(c.key()));
    Set<ResourceKey> failed = new HashSet<>();
    failed.add(e.failed().key());
    e.alsoFailed().forEach(c -> failed.add(c.key()));
    List<ResourceOutcome> result = new ArrayList<>(selection.skipped().size());
    for (int i = 0; i < selection.skipped().size(); i++) {
      ResourceOutcome skipped = selection.skipped().get(i);
      Change change = plan.changes().get(i);
      if (skipped != null) {
        result.add(skipped);
      } else if (done.contains(change.key())) {
        result.add(new ResourceOutcome(change, ResourceOutcome.Result.APPLIED, ""));
      } else if (failed.contains(change.key())) {
        result.add(new ResourceOutcome(change, ResourceOutcome.Result.FAILED, e.getMessage()));
      } else {
        result.add(
            new ResourceOutcome(
                change, ResourceOutcome.Result.NOT_ATTEMPTED, "an earlier change failed"));
      }
    }
    return result;
  }
}
