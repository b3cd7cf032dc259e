package io.driftless.api.service;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.driftless.scheduler.QueuedRun;
import io.driftless.scheduler.RunRequests;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scheduler's side of run requests for tests with no Quartz: a request of a scheduled
 * environment creates a queued run in the run log and is remembered with its options.
 */
public final class RecordedRunRequests implements RunRequests {
  /** One request as it arrived. */
  public record Request(
      EnvironmentName environment, Trigger trigger, SyncOptions options, RunId rollbackOf) {}

  private final RunLog runs;
  private final Clock clock;
  private final Set<EnvironmentName> scheduled = new HashSet<>();
  private final List<Request> requests = new ArrayList<>();

  public RecordedRunRequests(RunLog runs, Clock clock) {
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public synchronized QueuedRun request(
      EnvironmentName environment, Trigger trigger, SyncOptions options, RunId rollbackOf) {
    if (!scheduled.contains(environment)) {
      throw new UnknownEnvironmentException("environment", environment.value());
    }
    requests.add(new Request(environment, trigger, options, rollbackOf));
    return new QueuedRun(runs.create(environment, trigger, clock.instant(), rollbackOf), false);
  }

  @Override
  public synchronized void schedule(Environment environment) {
    scheduled.add(environment.name());
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized Set<EnvironmentName> scheduled() {
    return Set.copyOf(scheduled);
  }
}
