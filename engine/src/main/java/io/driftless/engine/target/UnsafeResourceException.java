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
    this(key, key, message);
  }

  /**
   * @param key the resource refused
   * @param file where it was read from, when that is not its key (a manifest holds many objects)
   */
  public UnsafeResourceException(String key, String file, String message) {
    super(
        "target.unsafe_resource",
        message,
        file.equals(key) ? Map.of("file", key) : Map.of("file", file, "object", key));
    this.key = key;
  }

  public String key() {
    return key;
  }
}
