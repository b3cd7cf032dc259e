package io.driftless.engine.port.memory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.query.ChangeCounts;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Run history in memory, on the runs of a {@link MemoryStore}. */
public final class MemoryRunLog implements RunLog {
  private final MemoryStore store;

  public MemoryRunLog(MemoryStore store) {
    this.store = store;
  }

  @Override
  public RunId create(EnvironmentName environment, Trigger trigger, Instant at, RunId rollbackOf) {
    return store.create(environment, trigger, at, rollbackOf);
  }

  @Override
  public void markRunning(RunId id, Instant at) {
    store.markRunning(id, at);
  }

  @Override
  public void complete(RunId id, EnvironmentLocks.Lease lease, RunResult result, Instant at) {
    store.complete(id, lease, result, at);
  }

  @Override
  public Optional<Run> find(RunId id) {
    return store.find(id);
  }

  @Override
  public void interrupt(RunId id, RunError reason, Instant at) {
    store.interrupt(id, reason, at);
  }

  @Override
  public List<CommandResult> commands(RunId id) {
    return store.find(id).map(Run::result).map(RunResult::commands).orElse(List.of());
  }

  @Override
  public Optional<RunSummary> summary(RunId id) {
    synchronized (store) {
      return store.find(id).map(this::summary);
    }
  }

  @Override
  public Page<RunSummary> history(RunQuery query) {
    synchronized (store) {
      if (store.find(query.environment()).isEmpty()) {
        throw new NotFoundException("environment", query.environment().value());
      }
      long before = Page.cursorId(query.cursor());
      List<Run> runs = new ArrayList<>(store.runs(query.environment()));
      List<RunSummary> rows = new ArrayList<>();
      for (int i = runs.size() - 1; i >= 0 && rows.size() <= query.limit(); i--) {
        Run r = runs.get(i);
        if (r.id().value() < before && (query.status() == null || query.status() == r.status())) {
          rows.add(summary(r));
        }
      }
      return Page.of(rows, query.limit(), last -> last.id().toString());
    }
  }

  @Override
  public Page<RunChange> changes(ChangeQuery query) {
    long after = query.cursor() == null ? -1 : Page.cursorId(query.cursor());
    Run run = store.find(query.run()).orElseThrow(() -> notFound(query.run()));
    List<RunChange> rows =
        (run.result() == null ? List.<RunChange>of() : RunChange.of(run.result()))
            .stream().filter(c -> c.seq() > after).limit(query.limit() + 1L).toList();
    return Page.of(rows, query.limit(), last -> Integer.toString(last.seq()));
  }

  /** A run as history lists it. */
  RunSummary summary(Run run) {
    RunResult result = run.result();
    return new RunSummary(
        run.id(),
        run.environment(),
        run.trigger(),
        run.status(),
        result == null ? null : result.revision(),
        run.createdAt(),
        run.startedAt(),
        run.finishedAt(),
        result == null ? ChangeCounts.none() : ChangeCounts.of(result),
        result != null && result.drift(),
        result == null ? List.of() : result.phases(),
        result == null ? null : result.error(),
        store.rollbackOf(run.id()).orElse(null));
  }

  private static NotFoundException notFound(RunId id) {
    return new NotFoundException("run", id.toString());
  }
}
