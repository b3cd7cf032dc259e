package io.driftless.engine.target;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where desired state is applied. A target is opened for one environment by a {@link
 * TargetFactory}; where it writes and which commands it runs come only from the environment spec an
 * admin registered.
 */
public interface Target {

  /**
   * Checks that every desired resource can be applied here (safe paths, links that stay inside the
   * target, ...) before anything is written.
   *
   * @throws UnsafeResourceException naming the first resource that cannot be applied
   */
  void validate(DesiredState desired);

  /** Reads the live state of {@code keys}. Never changes anything. Absent keys are left out. */
  LiveState read(Set<ResourceKey> keys);

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
}
