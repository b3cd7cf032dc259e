package io.driftless.engine.sensitive;

import io.driftless.engine.diff.UnifiedDiff;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.secrets.SopsValues;
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

  /**
   * The diff of one planned change as it may be shown; for a decrypted SOPS file, with how many of
   * its values change ({@link #valuesChanged}).
   */
  public String diff(SensitiveRule rule, Change change) {
    return diff(rule, change.key(), change.before(), change.after(), valuesChanged(change));
  }

  /**
   * How many values of a decrypted SOPS file (or object) a change changes: both plaintexts, the
   * live one and the decrypted desired one, compared leaf by leaf ({@link SopsValues}). A count is
   * all that is kept of them. Null when the change's desired content is not decrypted.
   */
  public static Integer valuesChanged(Change change) {
    Resource after = change.after();
    if (after == null || after.content().sealed().isEmpty()) {
      return null;
    }
    Resource before = change.before();
    try {
      return SopsValues.changed(
          after.kind() == ResourceKind.OBJECT ? "object.json" : after.key().value(),
          before == null || before.kind() != after.kind() ? null : before.content().bytes(),
          after.content().bytes());
    } catch (RuntimeException e) {
      // A count is an aid, never a reason to fail a run or a preview; nothing of it is logged.
      return null;
    }
  }

  /** {@value #CHANGED}, with how many values changed when that is known and not none. */
  public static String changed(Integer valuesChanged) {
    if (valuesChanged == null || valuesChanged <= 0) {
      return CHANGED;
    }
    return "(sensitive value changed: "
        + valuesChanged
        + (valuesChanged == 1 ? " value)" : " values)");
  }

  /** {@link #diff(SensitiveRule, ResourceKey, Resource, Resource, Integer)}, no count known. */
  public String diff(SensitiveRule rule, ResourceKey key, Resource before, Resource after) {
    return diff(rule, key, before, after, null);
  }

  /**
   * The diff from {@code before} (null: none) to {@code after} (null: none) as it may be shown: a
   * unified diff, or for a sensitive resource only its header and whether the value changed (with
   * how many values, when {@code valuesChanged} is known).
   */
  public String diff(
      SensitiveRule rule, ResourceKey key, Resource before, Resource after, Integer valuesChanged) {
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
    return UnifiedDiff.header(key.value(), before, after)
        + (changed ? changed(valuesChanged) : UNCHANGED)
        + "\n";
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
