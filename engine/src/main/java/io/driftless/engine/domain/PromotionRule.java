package io.driftless.engine.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * How an environment receives promotions: what environment {@code from} applied healthily, the
 * files {@code paths} selects, delivered {@code via} a commit on the environment's branch or a pull
 * request. The rule sits on the receiving environment.
 *
 * @param from the promoting environment; on the same source, never the receiving one itself
 * @param paths which files of the path travel; every file when none is given
 */
public record PromotionRule(EnvironmentName from, PromotionPaths paths, Via via) {
  public PromotionRule {
    Objects.requireNonNull(from, "from");
    paths = paths == null ? PromotionPaths.everything() : paths;
    via = via == null ? Via.PULL_REQUEST : via;
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
