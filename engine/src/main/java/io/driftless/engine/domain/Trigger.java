package io.driftless.engine.domain;

import java.util.Objects;

/**
 * Why and by whom a run was started.
 *
 * @param actor the token name, webhook provider or {@code scheduler}
 */
public record Trigger(TriggerType type, String actor, String reason) {
  public Trigger {
    Objects.requireNonNull(type, "trigger type");
    actor = actor == null || actor.isBlank() ? "system" : actor;
    reason = reason == null ? "" : reason;
  }

  public static Trigger schedule() {
    return new Trigger(TriggerType.SCHEDULE, "scheduler", "");
  }

  public static Trigger api(String actor, String reason) {
    return new Trigger(TriggerType.API, actor, reason);
  }
}
