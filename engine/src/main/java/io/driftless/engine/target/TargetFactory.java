package io.driftless.engine.target;

import io.driftless.engine.domain.Environment;

/** Opens the target an environment names, after checking it against the server's limits. */
public interface TargetFactory {

  /**
   * @throws TargetConfigException when the spec is not allowed (e.g. a root outside the allowed
   *     roots)
   */
  Target open(Environment environment);
}
