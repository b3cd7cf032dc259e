package io.driftless.engine.port;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Registered environments and their state between runs. */
public interface EnvironmentStore {

  Optional<Environment> find(EnvironmentName name);

  /** The state of a registered environment; {@link EnvironmentState#initial()} before any run. */
  EnvironmentState state(EnvironmentName name);

  /**
   * Replaces the state and applied revision of each place of the environment's target (an ssh
   * target's hosts) after a run or check; an empty map clears it. Places the target no longer has
   * are forgotten.
   */
  void recordPlaces(EnvironmentName name, Map<String, PlaceStatus> places);

  /** What {@link #recordPlaces} last recorded; empty before. */
  Map<String, PlaceStatus> places(EnvironmentName name);

  /**
   * A check that applied nothing: only {@code lastCheckedAt}, the head revision, whether live
   * differs from the head's desired state ({@code outOfSync}) and drift move. History holds no row
   * for it.
   */
  void recordChecked(
      EnvironmentName name, Revision head, boolean outOfSync, boolean drift, Instant at);

  /**
   * A successful apply under {@code lease}; refused with {@link LeaseLostException} when the lease
   * is no longer held.
   */
  void recordApplied(
      EnvironmentLocks.Lease lease, Revision applied, Revision head, Health health, Instant at);

  /** Holds the environment at the pin's revision; automatic pins yield to a new commit. */
  void pin(EnvironmentName name, Pin pin);

  /** Holds the environment at {@code revision}; {@code automatic} pins yield to a new commit. */
  default void pin(EnvironmentName name, Revision revision, boolean automatic) {
    pin(name, Pin.of(revision, automatic));
  }

  void unpin(EnvironmentName name);

  void setSuspended(EnvironmentName name, boolean suspended);
}
