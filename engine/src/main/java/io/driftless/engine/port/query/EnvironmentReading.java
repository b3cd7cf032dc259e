package io.driftless.engine.port.query;

import io.driftless.engine.domain.EnvironmentName;
import java.time.Instant;
import java.util.Objects;

/**
 * Per-environment figures that listings do not carry: the resources it manages and the time of its
 * last success.
 *
 * @param lastSuccess null when it never succeeded
 */
public record EnvironmentReading(EnvironmentName environment, long resources, Instant lastSuccess) {
  public EnvironmentReading {
    Objects.requireNonNull(environment, "environment");
  }
}
