package io.driftless.engine.target;

import io.driftless.engine.domain.Environment;

/** Opens the target an environment names, after checking it against the server's limits. */
public interface TargetFactory {

  /**
   * @throws TargetConfigException when the spec is not allowed (e.g. a root outside the allowed
   *     roots)
   */
  Target open(Environment environment);

  /**
   * Checks an environment's target as it is registered, without opening anything for a run: a
   * factory whose {@link #open} tolerates what only fails some of a run (a host the server no
   * longer allows fails that host alone) refuses it here. The default opens and closes the target.
   *
   * @throws TargetConfigException when the spec is not allowed
   */
  default void check(Environment environment) {
    open(environment).close();
  }
}
