package io.driftless.engine.sensitive;

import io.driftless.engine.domain.PlacedKey;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.glob.GlobSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which resources of an environment hold sensitive values: every Kubernetes {@code Secret} (key
 * {@code core/Secret/<namespace>/<name>}), and every resource whose key (a file's path relative to
 * the environment's path; on a target with several places, the path part of the placed key) matches
 * one of the environment's {@code sensitive} globs ({@link GlobSet}, the product's one glob
 * syntax). The one place this is decided; everything that shows, sends or logs a resource's content
 * asks it.
 *
 * <p>A file decrypted from a SOPS file is sensitive too: the rule of a run or a preview names those
 * files ({@link #withDecrypted}).
 *
 * @param patterns the environment's own globs, stripped (Secrets are covered without one)
 * @param decrypted the keys of files decrypted from SOPS files
 */
public record SensitiveRule(List<String> patterns, Set<ResourceKey> decrypted) {
  public static final int MAX_PATTERNS = 100;
  private static final String SECRET_PREFIX = "core/Secret/";
  private static final SensitiveRule SECRETS_ONLY = new SensitiveRule(List.of());

  public SensitiveRule(List<String> patterns) {
    this(patterns, Set.of());
  }

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
    decrypted = decrypted == null ? Set.of() : Set.copyOf(decrypted);
  }

  /** This rule, also covering the files at {@code keys}, decrypted from SOPS files. */
  public SensitiveRule withDecrypted(Collection<ResourceKey> keys) {
    if (keys.isEmpty()) {
      return this;
    }
    Set<ResourceKey> all = new HashSet<>(decrypted);
    all.addAll(keys);
    return new SensitiveRule(patterns, all);
  }

  /** Kubernetes Secrets only: the rule of an environment without {@code sensitive} globs. */
  public static SensitiveRule secretsOnly() {
    return SECRETS_ONLY;
  }

  /** Secrets and the resources matching any of {@code patterns}; none: {@link #secretsOnly}. */
  public static SensitiveRule of(List<String> patterns) {
    return patterns == null || patterns.isEmpty() ? SECRETS_ONLY : new SensitiveRule(patterns);
  }

  /**
   * Whether {@code key}'s content is a sensitive value. A key a target placed on one of several
   * places ({@link PlacedKey}: an ssh target's {@code host:port:path}) is matched by its path, as
   * the environment's files name it, and by the whole key.
   */
  public boolean covers(ResourceKey key) {
    return coversAsIs(key) || PlacedKey.split(key).map(p -> coversAsIs(p.path())).orElse(false);
  }

  private boolean coversAsIs(ResourceKey key) {
    return isKubernetesSecret(key)
        || decrypted.contains(key)
        || (!patterns.isEmpty() && GlobSet.anyOf(patterns).matches(key.value()));
  }

  private static boolean isKubernetesSecret(ResourceKey key) {
    String value = key.value();
    return value.startsWith(SECRET_PREFIX) && value.chars().filter(c -> c == '/').count() == 3;
  }
}
