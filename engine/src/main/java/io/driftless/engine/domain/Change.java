package io.driftless.engine.domain;

import java.util.Objects;

/**
 * One step of a plan.
 *
 * @param before the live resource, null for a create
 * @param after the desired resource, null for a delete
 * @param adopt the resource exists live but was not in the inventory; the change takes it over
 * @param drift the live resource differs from what was last applied, without a new commit
 */
public record Change(
    ResourceKey key,
    ChangeAction action,
    Resource before,
    Resource after,
    boolean adopt,
    boolean drift) {
  public Change {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(action, "action");
    switch (action) {
      case CREATE -> require(before == null && after != null, "a create has no before");
      case UPDATE -> require(before != null && after != null, "an update has before and after");
      case DELETE -> require(before != null && after == null, "a delete has no after");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Change create(Resource after) {
    return new Change(after.key(), ChangeAction.CREATE, null, after, false, false);
  }

  public static Change update(Resource before, Resource after, boolean adopt, boolean drift) {
    return new Change(after.key(), ChangeAction.UPDATE, before, after, adopt, drift);
  }

  public static Change delete(Resource before, boolean drift) {
    return new Change(before.key(), ChangeAction.DELETE, before, null, false, drift);
  }
}
