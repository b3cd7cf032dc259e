package io.driftless.api.model;

import io.driftless.engine.domain.Pin;

/**
 * A rollback queued: the run (follow {@code Location}), the pin, and the restore commit when one
 * was asked for.
 *
 * @param restoreCommit the commit that restores the environment's path on its branch; the pin is
 *     released once it is applied. Null when none was asked for or the push was refused
 * @param restoreError why the restore commit could not be pushed; the pin stays
 */
public record RollbackResponse(
    long run,
    String environment,
    boolean coalesced,
    String pinnedRevision,
    String restoreCommit,
    String restoreError) {

  public static RollbackResponse of(long run, String environment, boolean coalesced, Pin pin) {
    return new RollbackResponse(
        run,
        environment,
        coalesced,
        pin.revision().value(),
        pin.restoreCommit() == null ? null : pin.restoreCommit().value(),
        pin.restoreError());
  }
}
