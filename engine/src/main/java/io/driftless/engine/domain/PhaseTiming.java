package io.driftless.engine.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a phase of a run started and how long it took. */
public record PhaseTiming(Phase phase, Instant startedAt, Duration duration) {
  public PhaseTiming {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
  }
}
