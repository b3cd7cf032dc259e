package io.driftless.ssh.target;

import io.driftless.engine.domain.Revision;
import io.driftless.ssh.SshHost;

/**
 * What one run did on one host, for the run's record and the environment's status.
 *
 * @param changes how many of the host's changes were applied
 * @param message why it failed or was skipped; empty when it was applied
 * @param revision the run's revision when the host now holds it in full (every change written, or
 *     none needed); null when it keeps what it had
 */
record HostOutcome(SshHost host, State state, int changes, String message, Revision revision) {
  /** A host's state after a run. */
  enum State {
    /** Its changes were written and it is healthy. */
    APPLIED,
    /** It had nothing to change. */
    UNCHANGED,
    /** It could not be reached or written, or did not become healthy. */
    FAILED,
    /** A rollout stopped before its batch. */
    NOT_ATTEMPTED
  }

  @Override
  public String toString() {
    String what =
        switch (state) {
          case APPLIED -> "applied " + count(changes);
          case UNCHANGED -> "unchanged";
          case FAILED ->
              "failed"
                  + (changes > 0 ? " after applying " + count(changes) : ", nothing written")
                  + ": "
                  + message;
          case NOT_ATTEMPTED -> "not attempted: " + message;
        };
    return host
        + " "
        + what
        + (revision == null ? "" : " (at " + revision.value().substring(0, 12) + ")");
  }

  private static String count(int changes) {
    return changes + (changes == 1 ? " change" : " changes");
  }
}
