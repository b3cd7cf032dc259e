package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: what one run writes down. Its run row (created only once the run has something to record: a
 * scheduled check that changes nothing has none), its phase timings, the environment's state after
 * a check or an apply, the state of each place of its target, and the completed run; the observer
 * hears each.
 */
final class RunRecorder implements PhaseTimer {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

  private final EnginePorts ports;
  private final Clock clock;
  private final RunObserver observer;
  private final EnvironmentName environment;
  private final Trigger trigger;
  private final HeldLease lease;
  private final List<PhaseTiming> phases = new ArrayList<>();
  private final Instant started;
  private RunId run;

  private RunRecorder(
      EnginePorts ports,
      Clock clock,
      RunObserver observer,
      ReconcileRequest request,
      HeldLease lease) {
    this.ports = ports;
    this.clock = clock;
    this.observer = observer;
    this.environment = request.environment();
    this.trigger = request.trigger();
    this.lease = lease;
    this.run = request.run();
    this.started = clock.instant();
  }

  /** Marks the request's queued run (if any) running and tells the observer. */
  static RunRecorder start(
      EnginePorts ports,
      Clock clock,
      RunObserver observer,
      ReconcileRequest request,
      HeldLease lease) {
    RunRecorder recorder = new RunRecorder(ports, clock, observer, request, lease);
    if (recorder.run != null) {
      ports.runs().markRunning(recorder.run, clock.instant());
    }
    observer.runStarted(request.environment(), recorder.run);
    return recorder;
  }

  /** The run row; null while a scheduled check has not needed one. */
  RunId run() {
    return run;
  }

  List<PhaseTiming> phases() {
    return phases;
  }

  /** Creates the run row of a scheduled check once it has something to record. */
  void ensureRun() {
    if (run == null) {
      // Dated from when the check began, so a run that failed after a timeout shows how long.
      run = ports.runs().create(environment, trigger, started);
      ports.runs().markRunning(run, started);
    }
  }

  @Override
  public <T> T timed(Phase phase, Supplier<T> work) {
    Instant phaseStarted = clock.instant();
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      phases.add(new PhaseTiming(phase, phaseStarted, took));
      observer.phaseFinished(environment, run, phase, took);
    }
  }

  /**
   * The environment after a check that applied nothing (or failed before applying), as recorded
   * from its state {@code before}.
   */
  EnvironmentState checked(
      EnvironmentState before, Revision head, boolean outOfSync, boolean drift) {
    return before.checked(head, outOfSync, drift, checked(head, outOfSync, drift));
  }

  /** As {@link #checked(EnvironmentState, Revision, boolean, boolean)}: when it was recorded. */
  private Instant checked(Revision head, boolean outOfSync, boolean drift) {
    Instant at = clock.instant();
    ports.environments().recordChecked(environment, head, outOfSync, drift, at);
    return at;
  }

  /** The environment after an apply reached the target, as recorded from {@code before}. */
  EnvironmentState applied(
      EnvironmentState before, Revision revision, Revision head, Health health) {
    Instant at = clock.instant();
    ports.environments().recordApplied(lease.current(), revision, head, health, at);
    return before.applied(revision, head, health, at);
  }

  /**
   * The state and applied revision of each place of a target with several, after the run; nothing
   * for the others.
   */
  void places(Target target, RunProgress progress) {
    try {
      Map<String, PlaceStatus> places =
          target.places(
              progress.revision(),
              progress.plan(),
              progress.outcomes(),
              ports.environments().places(environment));
      if (!places.isEmpty()) {
        ports.environments().recordPlaces(environment, places);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record the places of environment {}: {}", environment, e.toString());
    }
  }

  /** Ends a run that did not start (suspended): only a queued run is closed, nobody is told. */
  ReconcileOutcome skipped(RunResult result) {
    return run == null ? new ReconcileOutcome(null, result) : complete(result);
  }

  /**
   * Ends a run that applied nothing: a periodic check keeps no run row and only tells the observer;
   * every other run is recorded.
   */
  ReconcileOutcome nothingApplied(RunResult result) {
    if (run == null && !trigger.type().requested()) {
      observer.runFinished(environment, null, result);
      return new ReconcileOutcome(null, result);
    }
    return complete(result);
  }

  /** Ends a failed run; one that never reached the target counts as a check. */
  ReconcileOutcome failed(RunProgress progress, RunError error) {
    ensureRun();
    if (progress.head() != null && !progress.stateRecorded()) {
      checked(progress.head(), true, progress.plan().hasDrift());
    }
    return complete(progress.failed(error, phases));
  }

  /** Records the run's result, tells the observer and logs one line. */
  ReconcileOutcome complete(RunResult result) {
    try {
      ports.runs().complete(run, lease.current(), result, clock.instant());
    } catch (EngineException e) {
      LOG.error("could not record run {} of environment {}: {}", run, environment, e.getMessage());
    }
    observer.runFinished(environment, run, result);
    LOG.info(
        "environment {} run {} {} at {}: {}",
        environment,
        run,
        result.status(),
        result.revision() == null ? "-" : result.revision().shortId(),
        result.error() == null ? result.plan().summary() : result.error().message());
    return new ReconcileOutcome(run, result);
  }
}
