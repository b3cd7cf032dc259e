package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import java.util.Map;

/**
 * The environment's source did not answer its last call and another run is trying it again: this
 * run did not start and nothing was recorded; the scheduler fires it again later.
 */
public final class SourceDownException extends EngineException {
  public SourceDownException(SourceName source, EnvironmentName environment) {
    super(
        "git.source_down",
        "source "
            + source
            + " does not answer and another run is trying it; environment "
            + environment
            + " waits",
        Map.of("source", source.value(), "environment", environment.value()));
  }
}
