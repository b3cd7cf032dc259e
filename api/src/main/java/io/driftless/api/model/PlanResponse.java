package io.driftless.api.model;

import io.driftless.engine.diff.UnifiedDiff;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import java.util.List;

/** What a ref would apply now ({@code GET .../diff}); nothing was changed to compute it. */
public record PlanResponse(
    String revision,
    String summary,
    List<PlannedChange> changes,
    List<String> pruneSkipped,
    List<String> drifted) {

  public record PlannedChange(
      String key, String action, boolean adopt, boolean drift, String diff) {
    static PlannedChange from(Change c) {
      return new PlannedChange(
          c.key().value(), Fields.lower(c.action()), c.adopt(), c.drift(), UnifiedDiff.of(c));
    }
  }

  public static PlanResponse from(Revision revision, Plan plan) {
    return new PlanResponse(
        revision.value(),
        plan.summary(),
        plan.changes().stream().map(PlannedChange::from).toList(),
        plan.pruneSkipped().stream().map(ResourceKey::value).toList(),
        plan.drifted().stream().map(ResourceKey::value).toList());
  }
}
