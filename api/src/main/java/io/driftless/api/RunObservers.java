package io.driftless.api;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.reconcile.RunObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a run's progress out to every listener (metrics, Server-Sent Events, notifications); the
 * reconciler takes one observer. A failing listener is logged and never fails the run.
 */
public final class RunObservers implements RunObserver {
  private static final Logger LOG = LoggerFactory.getLogger(RunObservers.class);
  private final List<RunObserver> observers = new CopyOnWriteArrayList<>();

  public void add(RunObserver observer) {
    observers.add(observer);
  }

  @Override
  public void runStarted(EnvironmentName environment, RunId run) {
    each(o -> o.runStarted(environment, run));
  }

  @Override
  public void phaseFinished(EnvironmentName environment, RunId run, Phase phase, Duration took) {
    each(o -> o.phaseFinished(environment, run, phase, took));
  }

  @Override
  public void driftFound(EnvironmentName environment, List<ResourceKey> drifted) {
    each(o -> o.driftFound(environment, drifted));
  }

  @Override
  public void runFinished(EnvironmentName environment, RunId run, RunResult result) {
    each(o -> o.runFinished(environment, run, result));
  }

  @Override
  public void pinned(EnvironmentName environment, Pin pin) {
    each(o -> o.pinned(environment, pin));
  }

  @Override
  public void unpinned(EnvironmentName environment, Pin released, String why) {
    each(o -> o.unpinned(environment, released, why));
  }

  private void each(java.util.function.Consumer<RunObserver> call) {
    for (RunObserver o : observers) {
      try {
        call.accept(o);
      } catch (RuntimeException e) {
        LOG.warn("run observer {} failed: {}", o.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
