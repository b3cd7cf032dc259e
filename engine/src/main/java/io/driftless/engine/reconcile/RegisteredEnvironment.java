package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Source;

/** An environment with its source, as registered: what a run and a preview start from. */
record RegisteredEnvironment(Environment environment, Source source) {

  /**
   * @throws UnknownEnvironmentException when the environment or its source is not registered
   */
  static RegisteredEnvironment find(EnginePorts ports, EnvironmentName name) {
    Environment environment =
        ports
            .environments()
            .find(name)
            .orElseThrow(() -> new UnknownEnvironmentException("environment", name.value()));
    Source source =
        ports
            .sources()
            .find(environment.source())
            .orElseThrow(
                () -> new UnknownEnvironmentException("source", environment.source().value()));
    return new RegisteredEnvironment(environment, source);
  }
}
