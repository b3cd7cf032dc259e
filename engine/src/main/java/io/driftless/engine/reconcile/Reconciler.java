package io.driftless.engine.reconcile;

import io.driftless.engine.DaemonThreads;
import io.driftless.engine.EngineException;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.reconcile.Applier.Settled;
import io.driftless.engine.reconcile.Applier.Written;
import io.driftless.engine.reconcile.IncrementalRuns.Rendered;
import io.driftless.engine.reconcile.Planner.Planned;
import io.driftless.engine.reconcile.RevisionResolver.Resolved;
import io.driftless.engine.reconcile.SyncDecision.Selection;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.secrets.SyncDecryption;
import io.driftless.engine.sensitive.SensitiveRule;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import io.driftless.engine.verify.CommitVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one environment for one trigger, as a list of named steps: lock ({@link HeldLease}),
 * decide ({@link SyncDecision}), resolve the revision ({@link RevisionResolver}), verify and render
 * ({@link RevisionRenderer}; only what a commit changed when {@link IncrementalRuns} allows), read
 * live and diff ({@link Planner}), apply, keep the books and wait for health ({@link Applier}),
 * record ({@link RunRecorder}) and, after a failed health, roll back ({@link AutomaticRollback}).
 * Everything is validated before the first write. Every outcome is a typed {@link RunResult}.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  /**
   * @param owner identifies this process in lock leases (e.g. host name and pid)
   * @param leaseTtl how long a lease lasts without a heartbeat; heartbeats run every third of it
   */
  public record Settings(String owner, Duration leaseTtl) {
    public Settings {
      if (owner == null || owner.isBlank()) {
        throw new IllegalArgumentException("owner is required");
      }
      leaseTtl = leaseTtl == null ? Duration.ofSeconds(60) : leaseTtl;
    }
  }

  /**
   * A plan computed for a ref without applying or recording anything.
   *
   * @param sensitive the environment's rule of which resources' contents may not be shown
   */
  public record Preview(Revision revision, Plan plan, SensitiveRule sensitive) {}

  /** One pass of the steps: its outcome, and the automatic rollback to run next, if any. */
  private record Pass(ReconcileOutcome outcome, Optional<ReconcileRequest> next) {
    static Pass last(ReconcileOutcome outcome) {
      return new Pass(outcome, Optional.empty());
    }
  }

  private final GitReader git;
  private final TargetFactory targets;
  private final EnginePorts ports;
  private final Clock clock;
  private final Settings settings;
  private final RunObserver observer;
  private final RevisionResolver revisions;
  private final RevisionRenderer renderer;
  private final IncrementalRuns increments;
  private final Planner planner;
  private final Applier applier;
  private final AutomaticRollback rollback;
  private final RefPreviews previews;
  private final SourceProbes probes = new SourceProbes();
  private final ScheduledExecutorService heartbeats;

  /**
   * @param decryption how SOPS files are decrypted during a sync; null: applied as in Git
   */
  public Reconciler(
      GitReader git,
      CommitVerifier verifier,
      RenderCache renderCache,
      TargetFactory targets,
      EnginePorts ports,
      Clock clock,
      Settings settings,
      RunObserver observer,
      SyncDecryption decryption) {
    this.git = git;
    this.targets = targets;
    this.ports = ports;
    this.clock = clock;
    this.settings = settings;
    this.observer = observer == null ? RunObserver.NONE : observer;
    this.renderer = new RevisionRenderer(git, verifier, renderCache, decryption);
    this.revisions =
        new RevisionResolver(
            git, clock, ports.environments(), ports.snapshots(), this.observer, this.renderer);
    this.increments = new IncrementalRuns(git, ports.snapshots(), renderer);
    this.planner = new Planner(ports.snapshots(), ports.inventories(), decryption);
    this.applier = new Applier(ports.snapshots(), ports.inventories());
    this.rollback = new AutomaticRollback(ports, clock, this.observer);
    this.previews = new RefPreviews(git, renderer, targets, planner);
    this.heartbeats = DaemonThreads.scheduler("driftless-lease-heartbeat");
  }

  /**
   * Reconciles one environment. An automatic rollback after a failed health runs at once under the
   * same lock, and its outcome is the one returned.
   *
   * @throws UnknownEnvironmentException when the environment or its source is not registered
   * @throws EnvironmentBusyException when another run holds the environment's lock
   * @throws SourceDownException when the source does not answer and another run is trying it
   */
  public ReconcileOutcome reconcile(ReconcileRequest request) {
    RegisteredEnvironment registered = RegisteredEnvironment.find(ports, request.environment());
    Environment environment = registered.environment();
    Source source = registered.source();
    try (HeldLease lease =
            HeldLease.acquire(ports.locks(), environment.name(), settings, heartbeats);
        SourceProbes.Entry remote = probes.enter(source.name(), environment.name())) {
      Pass pass = run(environment, source, request, lease, remote);
      while (pass.next().isPresent()) {
        pass = run(environment, source, pass.next().get(), lease, remote);
      }
      return pass.outcome();
    }
  }

  /**
   * The plan {@code ref} would apply now (a branch, tag, {@code refs/pull/N/head} or revision,
   * fetched on demand). Takes no lock and changes nothing.
   */
  public Preview preview(EnvironmentName name, String ref) {
    return preview(name, ref, false);
  }

  /**
   * The plan of {@code ref}; for an {@code untrusted} head (a fork's pull request) no render
   * command runs ({@link UntrustedHeadException}) and live state is read for the inventory's keys
   * only, never for a key the head names.
   */
  public Preview preview(EnvironmentName name, String ref, boolean untrusted) {
    RegisteredEnvironment registered = RegisteredEnvironment.find(ports, name);
    return previews.preview(registered.environment(), registered.source(), ref, untrusted);
  }

  /** One run: the steps in order; a failure at any of them records how far the run got. */
  private Pass run(
      Environment environment,
      Source source,
      ReconcileRequest request,
      HeldLease lease,
      SourceProbes.Entry remote) {
    EnvironmentName name = environment.name();
    RunRecorder recorder = RunRecorder.start(ports, clock, observer, request, lease);
    RunProgress progress = RunProgress.start();
    Target target = null;
    boolean diffed = false;
    try {
      EnvironmentState state = ports.environments().state(name);
      SyncQuestion question =
          SyncQuestion.ofRun(
              request.trigger().type(), request.options(), environment.sync(), state);
      SyncDecision decision = SyncDecision.decide(question);
      if (decision.verdict() == SyncDecision.Verdict.SKIP) {
        LOG.debug(
            "environment {} is {}; {} run skipped", name, decision.reason(), question.trigger());
        return Pass.last(recorder.skipped(RunResult.noOp(null)));
      }
      Resolved resolved =
          recorder.timed(Phase.FETCH, () -> revisions.resolve(environment, source, question));
      remote.reached();
      progress = progress.resolved(resolved.head(), resolved.revision());
      // A stored snapshot was verified when it was first applied.
      recorder.timed(
          Phase.VERIFY,
          () -> {
            if (resolved.stored() == null) {
              renderer.verify(source, resolved.revision());
            }
          });
      Rendered rendered =
          resolved.stored() != null
              ? increments.stored(name, resolved.stored())
              : recorder.timed(
                  Phase.RENDER,
                  () -> increments.render(environment, source, question, resolved.revision()));
      target = targets.open(environment);
      DesiredState desired =
          resolved.stored() != null
              ? target.placeAgain(rendered.state())
              : target.place(rendered.state());
      target.recover();
      if (rendered.whole()) {
        target.validate(desired); // An incremental plan validates what it compares.
      }
      Boolean prune = request.options().prune();
      boolean pruning = prune != null ? prune : environment.sync().prune();
      Planned planned =
          rendered.whole()
              ? planner.plan(name, target, desired, pruning, recorder, false)
              : planner.planChanged(
                  name, target, desired, rendered.applied(), rendered.changed(), pruning, recorder);
      Plan plan = planned.plan();
      progress = progress.planned(plan);
      diffed = true;
      if (plan.hasDrift()) {
        observer.driftFound(name, plan.drifted());
      }

      Selection selection = decision.select(plan);
      if (selection.toApply().isEmpty()) {
        EnvironmentState checked =
            recorder.checked(state, resolved.head(), !plan.isEmpty(), plan.hasDrift());
        increments.settled(environment, rendered, desired, selection, checked);
        progress = progress.decided(selection.skipped());
        return Pass.last(recorder.nothingApplied(progress.noOp(recorder.phases())));
      }
      recorder.ensureRun();
      Written written = applier.write(target, planned, selection, lease, recorder);
      progress = progress.decided(written.outcomes());
      if (written.error() != null) {
        ReconcileOutcome failure = recorder.failed(progress, written.error());
        return new Pass(
            failure,
            written.unhealthy()
                ? rollback.after(
                    environment,
                    question.trigger(),
                    recorder.run(),
                    resolved.revision(),
                    desired,
                    written.error())
                : Optional.empty());
      }
      Settled settled = applier.settle(target, desired, planned, recorder.run(), lease, recorder);
      progress = progress.settled(settled.commands(), settled.health());
      EnvironmentState applied =
          recorder.applied(state, resolved.revision(), resolved.head(), settled.recordedHealth());
      progress = progress.recorded();
      if (settled.error() == null) {
        increments.settled(environment, rendered, desired, selection, applied);
        return Pass.last(recorder.complete(progress.succeeded(recorder.phases())));
      }
      ReconcileOutcome failure = recorder.failed(progress, settled.error());
      return new Pass(
          failure,
          rollback.after(
              environment,
              question.trigger(),
              recorder.run(),
              resolved.revision(),
              desired,
              settled.error()));
    } catch (EngineException e) {
      remote.failed(e);
      LOG.warn("run of environment {} failed: {} ({})", name, e.getMessage(), e.code());
      return Pass.last(recorder.failed(progress, RunError.of(e)));
    } catch (RuntimeException e) {
      LOG.error("run of environment {} failed unexpectedly", name, e);
      return Pass.last(recorder.failed(progress, new RunError("internal", e.toString(), Map.of())));
    } finally {
      if (target != null) {
        if (diffed) {
          recorder.places(target, progress);
        }
        target.close();
      }
    }
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }
}
