package io.driftless.api;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import io.driftless.scheduler.InterruptedRuns;
import java.time.Clock;
import java.util.Map;

/**
 * The scheduler's {@link InterruptedRuns} on the run repository. It walks the running runs page by
 * page through the public queries; a single UPDATE in the storage module would be cheaper.
 */
final class StoredRunInterruptions implements InterruptedRuns {
  private final EnvironmentCatalog environments;
  private final RunLog runs;
  private final Clock clock;

  StoredRunInterruptions(EnvironmentCatalog environments, RunLog runs, Clock clock) {
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
