package io.driftless.api.model;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import java.time.Duration;
import java.util.List;

/**
 * An environment's promotion rule on the wire: {@code {from, paths, via}}. In a {@code PATCH},
 * {@code {}} (no {@code from}) removes the rule.
 *
 * @param from the environment whose healthy revisions this one receives (same source)
 * @param paths globs relative to the environment's path; none means every file
 * @param via {@code pull-request} (default) or {@code commit}
 * @param auto when Driftless promotes on its own; null when only people do
 */
public record PromotionBody(String from, List<String> paths, String via, Auto auto) {

  /**
   * {@code auto: {afterHealthy: 10m}}: promote once {@code from} has stayed on a promotable
   * revision this long with no failed run since, once per revision.
   */
  public record Auto(String afterHealthy) {}

  public PromotionBody {
    toDomain(from, paths, via, auto);
  }

  public PromotionBody(String from, List<String> paths, String via) {
    this(from, paths, via, null);
  }

  /** The rule, checked; null when {@code from} is not given (no rule). */
  public PromotionRule toDomain() {
    return toDomain(from, paths, via, auto);
  }

  private static PromotionRule toDomain(String from, List<String> paths, String via, Auto auto) {
    if (from == null || from.isBlank()) {
      if ((paths != null && !paths.isEmpty()) || via != null || auto != null) {
        throw new InvalidFieldException("promotion.from", "promotion.from is required");
      }
      return null;
    }
    Duration afterHealthy =
        auto == null || auto.afterHealthy() == null
            ? null
            : Fields.duration("promotion.auto.afterHealthy", auto.afterHealthy());
    return new PromotionRule(
        Fields.check("promotion.from", () -> EnvironmentName.of(from.strip())),
        Fields.check("promotion.paths", () -> new PromotionPaths(paths)),
        via == null ? null : Fields.check("promotion.via", () -> PromotionRule.Via.of(via)),
        Fields.check(
            "promotion.auto.afterHealthy",
            () -> {
              if (afterHealthy != null
                  && afterHealthy.compareTo(PromotionRule.MIN_AFTER_HEALTHY) < 0) {
                throw new IllegalArgumentException(
                    "promotion.auto.afterHealthy must be at least 1s: " + auto.afterHealthy());
              }
              return afterHealthy;
            }));
  }

  /** The rule as the wire shows it; null for none. */
  public static PromotionBody from(PromotionRule rule) {
    return rule == null
        ? null
        : new PromotionBody(
            rule.from().value(),
            rule.paths().patterns(),
            rule.via().label(),
            rule.afterHealthy() == null ? null : new Auto(Fields.format(rule.afterHealthy())));
  }
}
