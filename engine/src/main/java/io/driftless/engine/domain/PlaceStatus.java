package io.driftless.engine.domain;

import java.util.Objects;

/**
 * One place of a target that applies to several (a host of an ssh target) after the environment's
 * last run or check: its state, and the revision whose files were last applied there in full.
 *
 * @param revision null when no revision was ever applied there in full (a host not yet reached)
 */
public record PlaceStatus(PlaceState state, Revision revision) {
  public PlaceStatus {
    Objects.requireNonNull(state, "state");
  }
}
