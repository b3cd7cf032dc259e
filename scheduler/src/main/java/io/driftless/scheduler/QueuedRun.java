package io.driftless.scheduler;

import io.driftless.engine.domain.RunId;
import java.util.Objects;

/**
 * A requested run, queued.
 *
 * @param run the run that will fulfil the request; the API answers with its location
 * @param coalesced the request joined a run already waiting for the environment
 */
public record QueuedRun(RunId run, boolean coalesced) {
  public QueuedRun {
    Objects.requireNonNull(run, "run");
  }
}
