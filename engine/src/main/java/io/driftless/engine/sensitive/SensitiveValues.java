package io.driftless.engine.sensitive;

import io.driftless.engine.diff.UnifiedDiff;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import java.util.Objects;

/**
 * How a resource's change is shown wherever it leaves the engine (runs, diffs, compare, previews,
 * pull-request comments, the dashboard, notifications, logs): a readable diff, except for a
 * resource its environment's {@link SensitiveRule} covers, whose values are compared by {@link
 * KeyedHash} and shown only as {@value #CHANGED}. One instance per server, holding its key.
 */
public final class SensitiveValues {
  public static final String CHANGED = "(sensitive value changed)";
  public static final String UNCHANGED = "(sensitive value unchanged)";

  /** The purpose the server's keyed hash of sensitive values is derived for. */
  public static final String KEY_PURPOSE = "sensitive-values";

  private final KeyedHash hash;

  public SensitiveValues(KeyedHash hash) {
    this.hash = Objects.requireNonNull(hash, "hash");
  }

  /** The diff of one planned change as it may be shown. */
  public String diff(SensitiveRule rule, Change change) {
    return diff(rule, change.key(), change.before(), change.after());
  }

  /**
   * The diff from {@code before} (null: none) to {@code after} (null: none) as it may be shown: a
   * unified diff, or for a sensitive resource only its header and whether the value changed.
   */
  public String diff(SensitiveRule rule, ResourceKey key, Resource before, Resource after) {
    if (!rule.covers(key)) {
      return UnifiedDiff.of(key.value(), before, after);
    }
    boolean changed =
        before == null
            || after == null
            || (rule.decrypted().contains(key)
                // A decrypted SOPS file's hash is already keyed, and its plaintext is not stored:
                // compared by that hash, it is never decrypted again, nor loaded, to be shown.
                ? before.kind() != after.kind() || !before.hash().equals(after.hash())
                : !hash.same(before.content().bytes(), after.content().bytes()));
    return UnifiedDiff.header(key.value(), before, after) + (changed ? CHANGED : UNCHANGED) + "\n";
  }

  /**
   * A content hash as it may be shown: none for a sensitive resource, whose plain (unkeyed) hash
   * would let anyone test guesses of its value.
   */
  public String shownHash(SensitiveRule rule, ResourceKey key, ContentHash contentHash) {
    return contentHash == null || rule.covers(key) ? null : contentHash.value();
  }

  /** The keyed hash of a sensitive value, in hex: safe to store and compare. */
  public String keyed(byte[] value) {
    return hash.of(value);
  }
}
