package io.driftless.api.model;

import java.util.List;

/**
 * The registry plan of an apply: what the documents change, in order.
 *
 * @param dryRun nothing was changed
 * @param changed something changes (or would, with {@code dryRun})
 * @param plan one entry per object, added and changed ones first
 */
public record ApplyResponse(
    boolean dryRun, String owner, boolean changed, String summary, List<PlannedObject> plan) {

  /**
   * One object of the plan.
   *
   * @param action {@code add}, {@code change}, {@code unchanged} or {@code retire}
   * @param kind {@code Source} or {@code Environment}
   * @param fields with {@code change}: the fields that differ
   */
  public record PlannedObject(
      String action, String kind, String name, String file, List<String> fields) {}
}
