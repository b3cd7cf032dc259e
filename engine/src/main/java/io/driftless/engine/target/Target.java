package io.driftless.engine.target;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where desired state is applied. A target is opened for one environment by a {@link
 * TargetFactory}; where it writes and which commands it runs come only from the environment spec an
 * admin registered.
 */
public interface Target extends AutoCloseable {

  /**
   * The resources this target manages for a rendered desired state. A target that applies each
   * rendered file to several places (the ssh target: once per host) gives each place its own key,
   * so that the snapshot, the inventory, drift and prune are per place. The default is the rendered
   * state itself.
   */
  default DesiredState place(DesiredState rendered) {
    return rendered;
  }

  /**
   * A desired state this target {@link #place placed} before (a stored snapshot, applied again by a
   * rollback), placed as the target is now (e.g. on today's hosts). The default is itself.
   */
  default DesiredState placeAgain(DesiredState placed) {
    return placed;
  }

  /**
   * Checks that every desired resource can be applied here (safe paths, links that stay inside the
   * target, ...) before anything is written.
   *
   * @throws UnsafeResourceException naming the first resource that cannot be applied
   */
  void validate(DesiredState desired);

  /**
   * {@link #validate} for a desired state whose resources other than those of {@code keys} are as
   * they were last applied, when they passed it: an incremental run's. Checks the resources of
   * {@code keys} (a key not desired is skipped), each against the whole desired state. The default
   * validates the whole state.
   *
   * @throws UnsafeResourceException naming the first resource that cannot be applied
   */
  default void validateSome(DesiredState desired, Set<ResourceKey> keys) {
    validate(desired);
  }

  /** Reads the live state of {@code keys}. Never changes anything. Absent keys are left out. */
  LiveState read(Set<ResourceKey> keys);

  /**
   * Reads the live state of {@code keys} shaped for comparison with what was declared for them. A
   * target whose live objects carry fields nobody declared (defaults and status a server fills in)
   * projects each live object onto the fields of {@code declared}: the desired content of the key
   * and the content last applied for it, either of which may be missing. Then a synced resource
   * reads equal to both. Never changes anything; the default ignores {@code declared}.
   */
  default LiveState read(Set<ResourceKey> keys, Function<ResourceKey, List<Content>> declared) {
    return read(keys);
  }

  /**
   * Removes what an interrupted apply of this environment left behind (staged files, directories it
   * created that hold nothing managed), so that a crash leaves nothing once the next run has
   * started. Called under the environment's lease at the start of every run, before reading; a
   * target that stages nothing does nothing.
   */
  default void recover() {}

  /**
   * Applies changes in order, each atomically where the medium allows.
   *
   * @throws ApplyException when a change fails; it lists the changes applied before it
   */
  void apply(List<Change> changes);

  /** Runs the post-apply command, if the environment has one. */
  Optional<CommandResult> postApply();

  /** Waits up to {@code timeout} for the target to report healthy. */
  HealthReport health(Duration timeout);

  /** The configured health timeout. */
  Duration healthTimeout();

  /**
   * The state of each place after this run or check, for a target that applies to several places
   * (an ssh target's hosts, by {@code host:port}), with the revision applied there in full: {@code
   * revision} where every change of the run's plan for that place other than drift was applied (or
   * there was none), otherwise what {@code before} says; empty (the default) for one with a single
   * place.
   *
   * @param revision the revision the run reconciled
   * @param plan the run's plan; empty when the run failed before the diff
   * @param outcomes what happened to each planned change; empty when nothing was applied
   * @param before what the previous run or check recorded
   */
  default Map<String, PlaceStatus> places(
      Revision revision,
      Plan plan,
      List<ResourceOutcome> outcomes,
      Map<String, PlaceStatus> before) {
    return Map.of();
  }

  /** Ends what the target holds open for the run (connections); nothing by default. */
  @Override
  default void close() {}
}
