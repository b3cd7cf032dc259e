package io.driftless.engine.sensitive;

import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.glob.GlobSet;
import java.util.List;

/**
 * Which resources of an environment hold sensitive values: every Kubernetes {@code Secret} (key
 * {@code core/Secret/<namespace>/<name>}), and every resource whose key (a file's path relative to
 * the environment's path) matches one of the environment's {@code sensitive} globs ({@link
 * GlobSet}, the product's one glob syntax). The one place this is decided; everything that shows,
 * sends or logs a resource's content asks it.
 *
 * @param patterns the environment's own globs, stripped (Secrets are covered without one)
 */
public record SensitiveRule(List<String> patterns) {
  public static final int MAX_PATTERNS = 100;
  private static final String SECRET_PREFIX = "core/Secret/";
  private static final SensitiveRule SECRETS_ONLY = new SensitiveRule(List.of());

  /**
   * @throws IllegalArgumentException naming the first invalid pattern, or when there are too many
   */
  public SensitiveRule {
    patterns =
        patterns == null
            ? List.of()
            : patterns.stream()
                .map(
                    p -> {
                      if (p == null || p.isBlank()) {
                        throw new IllegalArgumentException("a sensitive pattern is empty");
                      }
                      return p.strip();
                    })
                .toList();
    if (patterns.size() > MAX_PATTERNS) {
      throw new IllegalArgumentException("at most " + MAX_PATTERNS + " sensitive patterns");
    }
    GlobSet.anyOf(patterns); // each pattern compiles
  }

  /** Kubernetes Secrets only: the rule of an environment without {@code sensitive} globs. */
  public static SensitiveRule secretsOnly() {
    return SECRETS_ONLY;
  }

  /** Secrets and the resources matching any of {@code patterns}; none: {@link #secretsOnly}. */
  public static SensitiveRule of(List<String> patterns) {
    return patterns == null || patterns.isEmpty() ? SECRETS_ONLY : new SensitiveRule(patterns);
  }

  /** Whether {@code key}'s content is a sensitive value. */
  public boolean covers(ResourceKey key) {
    return isKubernetesSecret(key)
        || (!patterns.isEmpty() && GlobSet.anyOf(patterns).matches(key.value()));
  }

  private static boolean isKubernetesSecret(ResourceKey key) {
    String value = key.value();
    return value.startsWith(SECRET_PREFIX) && value.chars().filter(c -> c == '/').count() == 3;
  }
}
