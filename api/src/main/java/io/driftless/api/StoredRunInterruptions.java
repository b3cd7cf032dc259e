package io.driftless.api;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.scheduler.InterruptedRuns;
import io.driftless.storage.jdbi.EnvironmentRepository;
import io.driftless.storage.jdbi.RunRepository;
import io.driftless.storage.model.EnvironmentQuery;
import io.driftless.storage.model.EnvironmentSummary;
import io.driftless.storage.model.Page;
import io.driftless.storage.model.RunQuery;
import io.driftless.storage.model.RunSummary;
import java.time.Clock;
import java.util.Map;

/**
 * The scheduler's {@link InterruptedRuns} on the run repository. It walks the running runs page by
 * page through the public queries; a single UPDATE in the storage module would be cheaper.
 */
final class StoredRunInterruptions implements InterruptedRuns {
  private final EnvironmentRepository environments;
  private final RunRepository runs;
  private final Clock clock;

  StoredRunInterruptions(EnvironmentRepository environments, RunRepository runs, Clock clock) {
    this.environments = environments;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public int interruptRunning(EnvironmentName environment, String reason) {
    int marked = 0;
    RunQuery query = new RunQuery(environment, RunStatus.RUNNING, null, Page.MAX_LIMIT);
    while (true) {
      Page<RunSummary> page = runs.history(query);
      for (RunSummary run : page.items()) {
        interrupt(run.id(), reason);
        marked++;
      }
      if (page.nextCursor() == null) {
        return marked;
      }
      query = query.after(page.nextCursor());
    }
  }

  @Override
  public int interruptAllRunning(String reason) {
    int marked = 0;
    EnvironmentQuery query = EnvironmentQuery.all(Page.MAX_LIMIT);
    while (true) {
      Page<EnvironmentSummary> page = environments.list(query);
      for (EnvironmentSummary e : page.items()) {
        marked += interruptRunning(e.environment().name(), reason);
      }
      if (page.nextCursor() == null) {
        return marked;
      }
      query = query.after(page.nextCursor());
    }
  }

  @Override
  public void interrupt(RunId run, String reason) {
    runs.interrupt(run, new RunError("run.interrupted", reason, Map.of()), clock.instant());
  }
}
