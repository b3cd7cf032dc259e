package io.driftless.engine.port;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Run history as the server reads it: the engine's {@link RunStore} plus queries. */
public interface RunLog extends RunStore {

  /**
   * Marks a run that cannot finish (its replica died, the server stopped) as interrupted. Does
   * nothing to a finished run.
   */
  void interrupt(RunId id, RunError reason, Instant at);

  /** The output of a run's post-apply and health-check commands, in the order they ran. */
  List<CommandResult> commands(RunId id);

  /** A run without its changes. */
  Optional<RunSummary> summary(RunId id);

  /** An environment's run history, newest first. */
  Page<RunSummary> history(RunQuery query);

  /** A run's changes in plan order; an unknown run is a {@link NotFoundException}. */
  Page<RunChange> changes(ChangeQuery query);
}
