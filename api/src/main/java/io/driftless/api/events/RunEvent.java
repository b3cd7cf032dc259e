package io.driftless.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event of the stream at {@code /api/v1/events}, as its SSE {@code data}; {@code id} is also
 * the SSE event id and {@code type} the SSE event name.
 *
 * @param type {@code run.started}, {@code run.phase}, {@code run.finished} or {@code drift.found}
 * @param run null while a scheduled check has not created its run (drift found by a check)
 * @param phase the phase that finished ({@code fetch}, {@code render}, ...); run.phase only
 * @param seconds how long the phase took; run.phase only
 * @param status how the run ended ({@code succeeded}, {@code failed}, {@code no_op}, ...)
 * @param revision the revision the run reconciled; run.finished only, when known
 * @param error the error code of a failed run; run.finished only
 * @param drifted the resource keys that drifted; drift.found only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
    long id,
    String type,
    String environment,
    Long run,
    Instant at,
    String phase,
    Double seconds,
    String status,
    String revision,
    String error,
    List<String> drifted) {
  public static final String RUN_STARTED = "run.started";
  public static final String RUN_PHASE = "run.phase";
  public static final String RUN_FINISHED = "run.finished";
  public static final String DRIFT_FOUND = "drift.found";

  public RunEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    drifted = drifted == null ? null : List.copyOf(drifted);
  }

  RunEvent withId(long id) {
    return new RunEvent(
        id, type, environment, run, at, phase, seconds, status, revision, error, drifted);
  }

  RunEvent withRun(Long run) {
    return new RunEvent(
        id, type, environment, run, at, phase, seconds, status, revision, error, drifted);
  }
}
