package io.driftless.api.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body that registers an environment as most tests want one: a branch {@code main}, a
 * directory target, a manual sync checked hourly; a test changes what it is about.
 */
public final class EnvironmentBody {
  private final Map<String, Object> body = new LinkedHashMap<>();
  private final Map<String, Object> target = new LinkedHashMap<>();

  private EnvironmentBody(String name, String source, String path, Path root) {
    body.put("name", name);
    body.put("source", source);
    body.put("ref", "main");
    if (path != null) {
      body.put("path", path);
    }
    target.put("type", "directory");
    target.put("root", root.toString());
    body.put("target", target);
    body.put("sync", Map.of("auto", false, "interval", "1h"));
  }

  /** {@code path} of {@code source}'s {@code main} into a directory at {@code root}. */
  public static EnvironmentBody directory(String name, String source, String path, Path root) {
    return new EnvironmentBody(name, source, path, root);
  }

  /**
   * A config environment: {@code path} of {@code source}'s {@code main} holds declarative documents
   * applied to the registry ({@code target: {type: driftless}}), with the default scope.
   */
  public static EnvironmentBody config(String name, String source, String path) {
    EnvironmentBody body = new EnvironmentBody(name, source, path, Path.of("/"));
    body.target.remove("root");
    body.target.put("type", "driftless");
    return body;
  }

  /** The sync policy in place of a manual one checked hourly. */
  public EnvironmentBody sync(Map<String, ?> sync) {
    return with("sync", sync);
  }

  /** A field of the target besides its type and root, e.g. {@code postApply}. */
  public EnvironmentBody target(String field, Object value) {
    target.put(field, value);
    return this;
  }

  /** Any other field of the environment, e.g. {@code variables}. */
  public EnvironmentBody with(String field, Object value) {
    body.put(field, value);
    return this;
  }

  public Map<String, Object> toMap() {
    return body;
  }
}
