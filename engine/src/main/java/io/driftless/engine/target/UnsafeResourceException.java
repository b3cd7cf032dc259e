package io.driftless.engine.target;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A desired resource the target refuses: a path with {@code ..} or an absolute path, a link that
 * points outside the target, a path that would pass through a symlink.
 */
public final class UnsafeResourceException extends EngineException {
  private final String key;

  public UnsafeResourceException(String key, String message) {
    super(message);
    this.key = key;
  }

  public String key() {
    return key;
  }

  @Override
  public String code() {
    return "target.unsafe_resource";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("file", key);
  }
}
