package io.driftless.engine.testing;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link TargetFactory} whose targets note the keys of each live read: what a run compared with
 * live state.
 */
public final class CountingTargets implements TargetFactory {
  private final TargetFactory targets;
  private final List<SortedSet<ResourceKey>> reads = new CopyOnWriteArrayList<>();

  public CountingTargets(TargetFactory targets) {
    this.targets = targets;
  }

  /** The keys of each live read, in order. */
  public List<SortedSet<ResourceKey>> reads() {
    return List.copyOf(reads);
  }

  /** Every key read, of all reads. */
  public SortedSet<ResourceKey> keysRead() {
    SortedSet<ResourceKey> all = new TreeSet<>();
    reads.forEach(all::addAll);
    return all;
  }

  /** Forgets the reads so far. */
  public void reset() {
    reads.clear();
  }

  @Override
  public Target open(Environment environment) {
    return new Counted(targets.open(environment));
  }

  @Override
  public void check(Environment environment) {
    targets.check(environment);
  }

  private final class Counted implements Target {
    private final Target target;

    Counted(Target target) {
      this.target = target;
    }

    @Override
    public DesiredState place(DesiredState rendered) {
      return target.place(rendered);
    }

    @Override
    public DesiredState placeAgain(DesiredState placed) {
      return target.placeAgain(placed);
    }

    @Override
    public void validate(DesiredState desired) {
      target.validate(desired);
    }

    @Override
    public void validateSome(DesiredState desired, Set<ResourceKey> keys) {
      target.validateSome(desired, keys);
    }

    @Override
    public LiveState read(Set<ResourceKey> keys) {
      reads.add(new TreeSet<>(keys));
      return target.read(keys);
    }

    @Override
    public LiveState read(Set<ResourceKey> keys, Function<ResourceKey, List<Content>> declared) {
      reads.add(new TreeSet<>(keys));
      return target.read(keys, declared);
    }

    @Override
    public void recover() {
      target.recover();
    }

    @Override
    public void apply(List<Change> changes) {
      target.apply(changes);
    }

    @Override
    public Optional<CommandResult> postApply() {
      return target.postApply();
    }

    @Override
    public HealthReport health(Duration timeout) {
      return target.health(timeout);
    }

    @Override
    public Duration healthTimeout() {
      return target.healthTimeout();
    }

    @Override
    public Map<String, PlaceStatus> places(
        Revision revision,
        Plan plan,
        List<ResourceOutcome> outcomes,
        Map<String, PlaceStatus> before) {
      return target.places(revision, plan, outcomes, before);
    }

    @Override
    public void close() {
      target.close();
    }
  }
}
