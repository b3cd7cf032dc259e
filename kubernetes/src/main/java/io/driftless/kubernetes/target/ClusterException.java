package io.driftless.kubernetes.target;

import io.driftless.engine.EngineException;

/** The cluster could not be read: unreachable, credentials refused, an unknown kind. */
public final class ClusterException extends EngineException {
  /**
   * @param key the resource being read, or null when the failure is not about one
   */
  public ClusterException(String key, String message, Throwable cause) {
    super("target.read_failed", message, detailsOf("resource", key), cause);
  }
}
