package io.driftless.api.model;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import java.util.List;

/**
 * An environment's promotion rule on the wire: {@code {from, paths, via}}. In a {@code PATCH},
 * {@code {}} (no {@code from}) removes the rule.
 *
 * @param from the environment whose healthy revisions this one receives (same source)
 * @param paths globs relative to the environment's path; none means every file
 * @param via {@code pull-request} (default) or {@code commit}
 */
public record PromotionBody(String from, List<String> paths, String via) {

  public PromotionBody {
    toDomain(from, paths, via);
  }

  /** The rule, checked; null when {@code from} is not given (no rule). */
  public PromotionRule toDomain() {
    return toDomain(from, paths, via);
  }

  private static PromotionRule toDomain(String from, List<String> paths, String via) {
    if (from == null || from.isBlank()) {
      if ((paths != null && !paths.isEmpty()) || via != null) {
        throw new InvalidFieldException("promotion.from", "promotion.from is required");
      }
      return null;
    }
    return new PromotionRule(
        Fields.check("promotion.from", () -> EnvironmentName.of(from.strip())),
        Fields.check("promotion.paths", () -> new PromotionPaths(paths)),
        via == null ? null : Fields.check("promotion.via", () -> PromotionRule.Via.of(via)));
  }

  /** The rule as the wire shows it; null for none. */
  public static PromotionBody from(PromotionRule rule) {
    return rule == null
        ? null
        : new PromotionBody(rule.from().value(), rule.paths().patterns(), rule.via().label());
  }
}
