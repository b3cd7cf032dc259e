package io.driftless.engine.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What holds an environment at a past revision, set by a rollback. Scheduled runs, webhooks and
 * self-heal keep the pinned state until it is released.
 *
 * @param revision the revision the environment is held at
 * @param automatic set by automatic rollback after failed health; released by the next new commit
 * @param by who pinned: a token name, or {@code driftless} for an automatic rollback
 * @param reason why
 * @param at when
 * @param snapshotRun the run whose stored snapshot is re-applied when the revision is no longer in
 *     the repository (force-pushed away); null when no snapshot is known
 * @param restoreCommit the commit that restored the environment's path to the pinned content on its
 *     branch; once the branch head is that commit or a descendant of it, the pin is released
 * @param restoreError why the restore commit could not be pushed; null when none was refused
 */
public record Pin(
    Revision revision,
    boolean automatic,
    String by,
    String reason,
    Instant at,
    RunId snapshotRun,
    Revision restoreCommit,
    String restoreError) {

  public static final String AUTOMATIC_ACTOR = "driftless";

  public Pin {
    Objects.requireNonNull(revision, "pinned revision");
    by = by == null || by.isBlank() ? AUTOMATIC_ACTOR : by;
    reason = reason == null ? "" : reason;
  }

  /** A pin with nothing known but its revision and kind (e.g. from an older store). */
  public static Pin of(Revision revision, boolean automatic) {
    return new Pin(revision, automatic, null, "", null, null, null, null);
  }

  public Pin withRestore(Revision commit, String error) {
    return new Pin(revision, automatic, by, reason, at, snapshotRun, commit, error);
  }
}
