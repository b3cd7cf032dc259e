package io.driftless.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The answer to {@code unpin} and {@code resume}: the environment as it is now, and the run that
 * follows Git at once, or why there is none.
 */
public record FollowGitResponse(EnvironmentResponse environment, FollowUpRun sync) {

  /**
   * The sync queued after the environment was released.
   *
   * @param queued whether a run was queued
   * @param run the queued run; follow {@code /api/v1/runs/{run}}. Null when none was queued
   * @param coalesced the run was already waiting for the environment
   * @param notQueued why none was: {@code auto_sync_off} (the next run is a person's sync), {@code
   *     suspended}, {@code window_closed} (the next scheduled check after {@code opensAt} syncs)
   * @param message the same for people
   * @param opensAt when the closed window opens, if one does
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FollowUpRun(
      boolean queued,
      Long run,
      Boolean coalesced,
      String notQueued,
      String message,
      Instant opensAt) {

    public static FollowUpRun queued(long run, boolean coalesced) {
      return new FollowUpRun(true, run, coalesced, null, null, null);
    }

    public static FollowUpRun notQueued(String why, String message, Instant opensAt) {
      return new FollowUpRun(false, null, null, why, message, opensAt);
    }
  }
}
