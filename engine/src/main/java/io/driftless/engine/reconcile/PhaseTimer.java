package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Phase;
import java.util.function.Supplier;

/** Times the phases of a run. */
interface PhaseTimer {
  /** For a preview, which records nothing. */
  PhaseTimer UNTIMED =
      new PhaseTimer() {
        @Override
        public <T> T timed(Phase phase, Supplier<T> work) {
          return work.get();
        }
      };

  /** Does {@code work} as {@code phase}, which is recorded whether it returns or throws. */
  <T> T timed(Phase phase, Supplier<T> work);

  default void timed(Phase phase, Runnable work) {
    timed(
        phase,
        () -> {
          work.run();
          return null;
        });
  }
}
