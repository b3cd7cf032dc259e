package io.driftless.engine.target;

import io.driftless.engine.domain.Environment;
import java.util.Map;
import java.util.TreeMap;

/** Opens each environment's target with the factory registered for its target type. */
public final class TargetsByType implements TargetFactory {
  private final Map<String, TargetFactory> factories;

  /**
   * @param factories by target type, e.g. {@code directory}, {@code kubernetes}
   */
  public TargetsByType(Map<String, TargetFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /**
   * @throws TargetConfigException with field {@code target.type} when no factory of the
   *     environment's target type is registered
   */
  @Override
  public Target open(Environment environment) {
    return factory(environment).open(environment);
  }

  @Override
  public void check(Environment environment) {
    factory(environment).check(environment);
  }

  private TargetFactory factory(Environment environment) {
    String type = environment.target().type();
    TargetFactory factory = factories.get(type);
    if (factory == null) {
      throw new TargetConfigException(
          "target.type",
          "target type '"
              + type
              + "' is not available on this server (available: "
              + String.join(", ", new TreeMap<>(factories).keySet())
              + ")");
    }
    return factory;
  }
}
