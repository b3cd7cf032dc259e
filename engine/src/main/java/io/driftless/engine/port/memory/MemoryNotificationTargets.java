package io.driftless.engine.port.memory;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentStore;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.NotificationTargets;
import io.driftless.engine.port.query.NotificationTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each environment's notification targets in memory. */
public final class MemoryNotificationTargets implements NotificationTargets {
  private final EnvironmentStore environments;
  private final Map<EnvironmentName, List<NotificationTarget>> targets = new HashMap<>();

  /** {@code environments} says which environments exist. */
  public MemoryNotificationTargets(EnvironmentStore environments) {
    this.environments = environments;
  }

  @Override
  public synchronized void replace(EnvironmentName environment, List<NotificationTarget> list) {
    if (list.size() > MAX_TARGETS) {
      throw new InvalidInputException(
          "an environment has at most " + MAX_TARGETS + " notification targets",
          Map.of("field", "notifications"));
    }
    if (environments.find(environment).isEmpty()) {
      throw new NotFoundException("environment", environment.value());
    }
    if (list.isEmpty()) {
      targets.remove(environment);
    } else {
      targets.put(environment, List.copyOf(list));
    }
  }

  @Override
  public synchronized List<NotificationTarget> targets(EnvironmentName environment) {
    return targets.getOrDefault(environment, List.of());
  }

  /** Forgets a removed environment's targets. */
  synchronized void forget(EnvironmentName environment) {
    targets.remove(environment);
  }
}
