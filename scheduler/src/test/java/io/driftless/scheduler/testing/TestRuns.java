package io.driftless.scheduler.testing;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.RunStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out run ids and remembers which runs were created; nothing else. */
public final class TestRuns implements RunStore {
  public record Created(RunId id, EnvironmentName environment, Trigger trigger, RunId rollbackOf) {}

  private final AtomicLong ids;
  private final List<Created> created = new CopyOnWriteArrayList<>();

  public TestRuns() {
    this(1);
  }

  /** Starts ids at {@code first}, so two processes on one table do not collide. */
  public TestRuns(long first) {
    ids = new AtomicLong(first - 1);
  }

  public List<Created> created() {
    return List.copyOf(created);
  }

  @Override
  public RunId create(EnvironmentName environment, Trigger trigger, Instant at, RunId rollbackOf) {
    RunId id = RunId.of(ids.incrementAndGet());
    created.add(new Created(id, environment, trigger, rollbackOf));
    return id;
  }

  @Override
  public void markRunning(RunId id, Instant at) {}

  @Override
  public void complete(RunId id, EnvironmentLocks.Lease lease, RunResult result, Instant at) {}

  @Override
  public Optional<Run> find(RunId id) {
    return Optional.empty();
  }
}
