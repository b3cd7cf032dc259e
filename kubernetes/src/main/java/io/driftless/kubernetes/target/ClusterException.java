package io.driftless.kubernetes.target;

import io.driftless.engine.EngineException;
import java.util.Map;

/** The cluster could not be read: unreachable, credentials refused, an unknown kind. */
public final class ClusterException extends EngineException {
  private final String key;

  public ClusterException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  @Override
  public String code() {
    return "target.read_failed";
  }

  @Override
  public Map<String, String> details() {
    return key == null ? Map.of() : Map.of("resource", key);
  }
}
