package io.driftless.api.events;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.reconcile.RunObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the runs this replica reconciles to the {@link EventLog}. A scheduled check that finds
 * nothing to do leaves no run behind, and no events either: its events wait in memory until it
 * turns into a run (then they are written with the run's id) or ends (then only drift found is
 * written). Drift a check keeps seeing is reported once, when it appears.
 */
public final class EventRecorder implements RunObserver {
  private final EventLog log;
  private final EnvironmentCatalog environments;
  private final Clock clock;
  private final Map<EnvironmentName, List<RunEvent>> pending = new ConcurrentHashMap<>();
  private final Map<EnvironmentName, RunId> current = new ConcurrentHashMap<>();

  public EventRecorder(EventLog log, EnvironmentCatalog environments, Clock clock) {
    this.log = log;
    this.environments = environments;
    this.clock = clock;
  }

  @Override
  public void runStarted(EnvironmentName environment, RunId run) {
    RunEvent started = event(RunEvent.RUN_STARTED, environment, run, null, null, null, null);
    if (run == null) {
      current.remove(environment);
      pending.put(environment, new ArrayList<>(List.of(started)));
    } else {
      pending.remove(environment);
      current.put(environment, run);
      log.append(started);
    }
  }

  @Override
  public void phaseFinished(EnvironmentName environment, RunId run, Phase phase, Duration took) {
    RunEvent event =
        event(
            RunEvent.RUN_PHASE,
            environment,
            run,
            label(phase.name()),
            took.toNanos() / 1e9,
            null,
            null);
    if (run == null) {
      pending.computeIfAbsent(environment, e -> new ArrayList<>()).add(event);
    } else {
      flush(environment, run);
      log.append(event);
    }
  }

  @Override
  public void driftFound(EnvironmentName environment, List<ResourceKey> drifted) {
    RunId run = current.get(environment);
    // A check runs before its state is recorded: the state still says what the last one saw.
    if (run == null && environments.state(environment).drift()) {
      return;
    }
    RunEvent drift =
        new RunEvent(
            0,
            RunEvent.DRIFT_FOUND,
            environment.value(),
            run == null ? null : run.value(),
            clock.instant(),
            null,
            null,
            null,
            null,
            null,
            drifted.stream().map(ResourceKey::value).toList());
    List<RunEvent> waiting = run == null ? pending.get(environment) : null;
    if (waiting != null) {
      waiting.add(drift); // keeps its place among the check's events
    } else {
      log.append(drift);
    }
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    current.remove(environment);
    if (run == null) {
      // Nothing was run; only news of drift is worth keeping.
      List<RunEvent> waiting = pending.remove(environment);
      if (waiting != null) {
        waiting.stream().filter(e -> e.type().equals(RunEvent.DRIFT_FOUND)).forEach(log::append);
      }
      return;
    }
    flush(environment, run);
    log.append(
        new RunEvent(
            0,
            RunEvent.RUN_FINISHED,
            environment.value(),
            run.value(),
            clock.instant(),
            null,
            null,
            label(result.status().name()),
            result.revision() == null ? null : result.revision().value(),
            result.error() == null ? null : result.error().code(),
            null));
  }

  /** A check became a run: what it did so far is written, under the run's id. */
  private void flush(EnvironmentName environment, RunId run) {
    current.put(environment, run);
    List<RunEvent> waiting = pending.remove(environment);
    if (waiting != null) {
      for (RunEvent e : waiting) {
        log.append(e.withRun(run.value()));
      }
    }
  }

  private RunEvent event(
      String type,
      EnvironmentName environment,
      RunId run,
      String phase,
      Double seconds,
      String status,
      String revision) {
    return new RunEvent(
        0,
        type,
        environment.value(),
        run == null ? null : run.value(),
        clock.instant(),
        phase,
        seconds,
        status,
        revision,
        null,
        null);
  }

  private static String label(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
