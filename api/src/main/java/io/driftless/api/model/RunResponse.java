package io.driftless.api.model;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.port.query.ChangeCounts;
import io.driftless.engine.port.query.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run with its phases and summary; its changes are at {@code /runs/{id}/changes}.
 *
 * @param hooks output of the target's post-apply and health-check commands, in the order they ran;
 *     only in {@code GET /runs/{id}}, null in listings
 */
public record RunResponse(
    long id,
    String environment,
    TriggerView trigger,
    String status,
    String revision,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    ChangeCounts counts,
    boolean drift,
    List<PhaseView> phases,
    ErrorView error,
    Long rollbackOf,
    List<HookView> hooks) {

  public record TriggerView(String type, String actor, String reason) {}

  public record PhaseView(String phase, Instant startedAt, long durationMillis) {
    static PhaseView from(PhaseTiming t) {
      return new PhaseView(Fields.lower(t.phase()), t.startedAt(), t.duration().toMillis());
    }
  }

  public record ErrorView(String code, String message, Map<String, String> details) {
    static ErrorView from(RunError e) {
      return e == null ? null : new ErrorView(e.code(), e.message(), e.details());
    }
  }

  public record HookView(
      String name, int exitCode, boolean timedOut, long durationMillis, String output) {
    static HookView from(CommandResult c) {
      return new HookView(
          c.name(),
          c.exitCode(),
          c.timedOut(),
          c.duration() == null ? 0 : c.duration().toMillis(),
          c.output());
    }
  }

  /** This run with the output of its commands, for the view of one run. */
  public RunResponse withHooks(List<CommandResult> commands) {
    return new RunResponse(
        id,
        environment,
        trigger,
        status,
        revision,
        createdAt,
        startedAt,
        finishedAt,
        counts,
        drift,
        phases,
        error,
        rollbackOf,
        commands.stream().map(HookView::from).toList());
  }

  public static RunResponse from(RunSummary run) {
    return new RunResponse(
        run.id().value(),
        run.environment().value(),
        run.trigger() == null
            ? null
            : new TriggerView(
                Fields.lower(run.trigger().type()), run.trigger().actor(), run.trigger().reason()),
        Fields.lower(run.status()),
        run.revision() == null ? null : run.revision().value(),
        run.createdAt(),
        run.startedAt(),
        run.finishedAt(),
        run.counts(),
        run.drift(),
        run.phases().stream().map(PhaseView::from).toList(),
        ErrorView.from(run.error()),
        run.rollbackOf() == null ? null : run.rollbackOf().value(),
        null);
  }
}
