package io.driftless.api.model;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.sensitive.SensitiveValues;
import java.util.List;
import java.util.function.Function;

/** What a ref would apply now ({@code GET .../diff}); nothing was changed to compute it. */
public record PlanResponse(
    String revision,
    String summary,
    List<PlannedChange> changes,
    List<String> pruneSkipped,
    List<String> drifted) {

  public record PlannedChange(
      String key, String action, boolean adopt, boolean drift, String diff) {
    static PlannedChange from(Change c, String diff) {
      return new PlannedChange(
          c.key().value(), Fields.lower(c.action()), c.adopt(), c.drift(), diff);
    }
  }

  /**
   * An untrusted head's plan: counts and resource names only, no diff (its live side was read for
   * the inventory's keys only, and a fork's files are not shown back to it either).
   */
  public static PlanResponse names(Reconciler.Preview preview) {
    return from(preview, c -> null);
  }

  /** A preview's plan, its sensitive values shown only as changed or not. */
  public static PlanResponse from(Reconciler.Preview preview, SensitiveValues values) {
    return from(preview, c -> values.diff(preview.sensitive(), c));
  }

  private static PlanResponse from(Reconciler.Preview preview, Function<Change, String> diffs) {
    Plan plan = preview.plan();
    return new PlanResponse(
        preview.revision().value(),
        plan.summary(),
        plan.changes().stream().map(c -> PlannedChange.from(c, diffs.apply(c))).toList(),
        plan.pruneSkipped().stream().map(ResourceKey::value).toList(),
        plan.drifted().stream().map(ResourceKey::value).toList());
  }
}
