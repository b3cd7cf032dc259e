package io.driftless.engine.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How an environment receives promotions: what environment {@code from} applied healthily, the
 * files {@code paths} selects, delivered {@code via} a commit on the environment's branch or a pull
 * request. The rule sits on the receiving environment.
 *
 * @param from the promoting environment; on the same source, never the receiving one itself
 * @param paths which files of the path travel; every file when none is given
 * @param afterHealthy {@code auto.afterHealthy}: promote on its own once {@code from} has stayed on
 *     a promotable revision this long with no failed run since, once per revision; null when only
 *     people promote
 */
public record PromotionRule(
    EnvironmentName from, PromotionPaths paths, Via via, Duration afterHealthy) {
  /** The shortest {@code afterHealthy}: shorter would promote what barely ran. */
  public static final Duration MIN_AFTER_HEALTHY = Duration.ofSeconds(1);

  public PromotionRule {
    Objects.requireNonNull(from, "from");
    paths = paths == null ? PromotionPaths.everything() : paths;
    via = via == null ? Via.PULL_REQUEST : via;
    if (afterHealthy != null && afterHealthy.compareTo(MIN_AFTER_HEALTHY) < 0) {
      throw new IllegalArgumentException("auto.afterHealthy must be at least 1s: " + afterHealthy);
    }
  }

  /** A rule that only people use. */
  public PromotionRule(EnvironmentName from, PromotionPaths paths, Via via) {
    this(from, paths, via, null);
  }

  /** How a promotion reaches the receiving environment's branch. */
  public enum Via {
    /** Pushed straight onto the branch. */
    COMMIT("commit"),
    /** Pushed to {@code driftless/promote/<environment>} and proposed as one pull request. */
    PULL_REQUEST("pull-request");

    private final String label;

    Via(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The mode named {@code label} ({@code commit} or {@code pull-request}). */
    public static Via of(String label) {
      String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
      for (Via via : values()) {
        if (via.label.equals(wanted)) {
          return via;
        }
      }
      throw new IllegalArgumentException("via must be commit or pull-request: " + label);
    }
  }
}
