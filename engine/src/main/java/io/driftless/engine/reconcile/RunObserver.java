package io.driftless.engine.reconcile;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import java.time.Duration;
import java.util.List;

/**
 * Hears a run's progress, for events and metrics. Called on the reconciling thread; must not throw
 * or block. {@code run} is null while a scheduled check has not created its run row.
 */
public interface RunObserver {
  RunObserver NONE = new RunObserver() {};

  default void runStarted(EnvironmentName environment, RunId run) {}

  default void phaseFinished(EnvironmentName environment, RunId run, Phase phase, Duration took) {}

  default void driftFound(EnvironmentName environment, List<ResourceKey> drifted) {}

  default void runFinished(EnvironmentName environment, RunId run, RunResult result) {}

  /** Automatic rollback pinned the environment, before its rollback run starts. */
  default void pinned(EnvironmentName environment, Pin pin) {}

  /** A run released a pin: a new commit after an automatic rollback, or an applied restore. */
  default void unpinned(EnvironmentName environment, Pin released, String why) {}
}
