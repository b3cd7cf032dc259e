package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.query.NotificationTarget;
import java.util.List;

/** Each environment's notification targets; their URLs and keys are secrets. */
public interface NotificationTargets {

  /** The most targets one environment may have. */
  int MAX_TARGETS = 10;

  /**
   * Replaces an environment's targets; an empty list removes them. More than {@link #MAX_TARGETS}
   * is an {@link InvalidInputException}, an unknown environment a {@link NotFoundException}.
   */
  void replace(EnvironmentName environment, List<NotificationTarget> targets);

  /** An environment's targets; empty when it has none or does not exist. */
  List<NotificationTarget> targets(EnvironmentName environment);
}
