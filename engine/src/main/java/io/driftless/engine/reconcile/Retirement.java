package io.driftless.engine.reconcile;

import io.driftless.engine.DaemonThreads;
import io.driftless.engine.EngineException;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Inventory;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.reconcile.Applier.Written;
import io.driftless.engine.reconcile.Planner.Planned;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The run that empties the target of an environment being retired ({@code deletion: cascade}):
 * under its lock, the files it manages (its inventory, and only that) are planned as deletes
 * against an empty desired state and applied, and the run is recorded like any other ({@link
 * RunRecorder}: its trigger, its changes, the observer's events), so the environment's history
 * shows what was removed and by whom. No post-apply command or health check follows: nothing is
 * left to serve.
 */
public final class Retirement implements AutoCloseable {
  /** Git's empty tree: the desired state of a retired environment. */
  private static final TreeId EMPTY_TREE = new TreeId("4b825dc642cb6eb9a060e54bf8d69288fbee4904");

  private final TargetFactory targets;
  private final EnginePorts ports;
  private final Clock clock;
  private final Reconciler.Settings settings;
  private final RunObserver observer;
  private final Planner planner;
  private final Applier applier;
  private final ScheduledExecutorService heartbeats;

  public Retirement(
      TargetFactory targets,
      EnginePorts ports,
      Clock clock,
      Reconciler.Settings settings,
      RunObserver observer) {
    this.targets = targets;
    this.ports = ports;
    this.clock = clock;
    this.settings = settings;
    this.observer = observer == null ? RunObserver.NONE : observer;
    this.planner = new Planner(ports.snapshots(), ports.inventories(), null);
    this.applier = new Applier(ports.snapshots(), ports.inventories());
    this.heartbeats = DaemonThreads.scheduler("driftless-retirement-heartbeat");
  }

  /**
   * Prunes the managed files of {@code name} as one recorded run with a {@link TriggerType#RETIRE}
   * trigger. An environment that never applied anything has nothing to prune and records no run.
   *
   * @param actor who retires it ({@code environment:<config environment>})
   * @param reason why, for the run's trigger
   * @throws EnvironmentBusyException when another run holds the environment's lock
   */
  public ReconcileOutcome prune(EnvironmentName name, String actor, String reason) {
    Environment environment =
        ports
            .environments()
            .find(name)
            .orElseThrow(() -> new UnknownEnvironmentException("environment", name.value()));
    Revision applied = lastApplied(name);
    if (applied == null) {
      return new ReconcileOutcome(null, RunResult.noOp(null));
    }
    ReconcileRequest request =
        new ReconcileRequest(
            name, new Trigger(TriggerType.RETIRE, actor, reason), SyncOptions.defaults(), null);
    try (HeldLease lease = HeldLease.acquire(ports.locks(), name, settings, heartbeats)) {
      RunRecorder recorder = RunRecorder.start(ports, clock, observer, request, lease);
      recorder.ensureRun();
      RunProgress progress = RunProgress.start().resolved(applied, applied);
      try (Target target = targets.open(environment)) {
        DesiredState nothing = new DesiredState(applied, EMPTY_TREE, new TreeMap<>());
        Planned planned = planner.plan(name, target, nothing, true, recorder, false);
        progress = progress.planned(planned.plan());
        if (planned.plan().isEmpty()) {
          // Its files were gone already: the run says so, and the inventory forgets them.
          ports.inventories().replace(lease.current(), Inventory.empty());
          return recorder.complete(progress.noOp(recorder.phases()));
        }
        Selection selection = new Selection(planned.plan().changes(), nulls(planned));
        Written written = applier.write(target, planned, selection, lease, recorder);
        progress = progress.decided(written.outcomes());
        if (written.error() != null) {
          return recorder.complete(progress.failed(written.error(), recorder.phases()));
        }
        ports.inventories().replace(lease.current(), Inventory.empty());
        return recorder.complete(progress.succeeded(recorder.phases()));
      } catch (EngineException e) {
        return recorder.complete(progress.failed(RunError.of(e), recorder.phases()));
      } catch (RuntimeException e) {
        return recorder.complete(
            progress.failed(new RunError("internal", e.toString(), Map.of()), recorder.phases()));
      }
    }
  }

  /** The revision on the target: the last applied snapshot's, else the last applied or seen. */
  private Revision lastApplied(EnvironmentName name) {
    Revision snapshot = ports.snapshots().lastApplied(name).map(Snapshot::revision).orElse(null);
    if (snapshot != null) {
      return snapshot;
    }
    EnvironmentState state = ports.environments().state(name);
    return state.appliedRevision() != null ? state.appliedRevision() : state.headRevision();
  }

  /** Every change of a retirement is applied: none is skipped. */
  private static List<ResourceOutcome> nulls(Planned planned) {
    return Collections.nCopies(planned.plan().changes().size(), null);
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }
}
