package io.driftless.storage.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Run;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.query.ChangeCounts;
import io.driftless.engine.port.query.ChangeQuery;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunChange;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * Run history. A run's plan is stored as one row per change with contents by hash; diffs are
 * computed on read from the snapshot store's contents, never stored per change.
 */
public final class RunRepository implements RunLog {
  static final int MAX_ACTOR = 255;
  static final int MAX_REASON = 4096;
  private static final int MAX_PHASES_JSON = 4000;

  private final Jdbi jdbi;
  private final SnapshotRepository snapshots;
  private final Clock clock;

  public RunRepository(Jdbi jdbi, SnapshotRepository snapshots, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.snapshots = Objects.requireNonNull(snapshots);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public RunId create(EnvironmentName environment, Trigger trigger, Instant at) {
    return create(environment, trigger, at, null);
  }

  /**
   * Records a new queued run; {@code rollbackOf} names the run a rollback restores, so that
   * retention keeps it. Null for any other run.
   */
  public RunId create(EnvironmentName environment, Trigger trigger, Instant at, RunId rollbackOf) {
    InvalidInputException.checkLength("actor", trigger.actor(), MAX_ACTOR);
    InvalidInputException.checkLength("reason", trigger.reason(), MAX_REASON);
    return jdbi.inTransaction(
        h -> {
          // One statement finds the environment and inserts; no row means no environment.
          List<Map<String, Object>> keys =
              h.createUpdate(
                      "INSERT INTO runs (environment_id, trigger_type, actor, reason, status,"
                          + " created_at, rollback_of_run_id) SELECT id, :type, :actor, :reason,"
                          + " 'QUEUED', :at, :rollbackOf FROM environments WHERE name = :name")
                  .bind("name", environment.value())
                  .bind("type", trigger.type().name())
                  .bind("actor", trigger.actor())
                  .bind("reason", trigger.reason())
                  .bind("at", at)
                  .bind("rollbackOf", rollbackOf == null ? null : rollbackOf.value())
                  .executeAndReturnGeneratedKeys("id", "environment_id")
                  .mapToMap()
                  .list();
          if (keys.isEmpty()) {
            throw new NotFoundException("environment", environment.value());
          }
          long id = ((Number) value(keys.get(0), "id")).longValue();
          long envId = ((Number) value(keys.get(0), "environment_id")).longValue();
          if (rollbackOf != null) {
            requireRunOf(h, rollbackOf, envId, environment);
          }
          // Never backwards: two replicas may create runs of one environment at once, and the
          // transaction of the older run may commit last.
          h.createUpdate(
                  "UPDATE environments SET last_run_id = :id WHERE id = :env"
                      + " AND (last_run_id IS NULL OR last_run_id < :id)")
              .bind("id", id)
              .bind("env", envId)
              .execute();
          return RunId.of(id);
        });
  }

  /** A generated key by name; drivers differ in the case of column labels. */
  private static Object value(Map<String, Object> row, String column) {
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    throw new IllegalStateException("no generated " + column);
  }

  @Override
  public void markRunning(RunId id, Instant at) {
    jdbi.useTransaction(
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE runs SET status = 'RUNNING', started_at = :at WHERE id = :id AND"
                          + " status = 'QUEUED'")
                  .bind("at", at)
                  .bind("id", id.value())
                  .execute();
          if (updated == 0) {
            RunStatus status = status(h, id);
            throw new ConflictException(
                "run " + id + " is " + status + ", not queued",
                Map.of("run", id.toString(), "status", status.name()));
          }
        });
  }

  /**
   * Marks a run that cannot finish (its replica died, the server stopped) as interrupted. Does
   * nothing to a finished run.
   */
  public void interrupt(RunId id, RunError reason, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE runs SET status = 'INTERRUPTED', finished_at = :at, error_code ="
                        + " :code, error_message = :message, error_details_json = :details"
                        + " WHERE id = :id AND status IN ('QUEUED', 'RUNNING')")
                .bind("at", at)
                .bind("code", reason == null ? null : reason.code())
                .bind("message", reason == null ? null : reason.message())
                .bind("details", reason == null ? null : Json.stringMap(reason.details()))
                .bind("id", id.value())
                .execute());
  }

  @Override
  public void complete(RunId id, EnvironmentLocks.Lease lease, RunResult result, Instant at) {
    if (!result.status().finished()) {
      throw new InvalidInputException(
          "a run completes with a final status, not " + result.status(),
          Map.of("status", result.status().name()));
    }
    List<RunChange> changes = RunChange.of(result);
    try {
      jdbi.useTransaction(
          h -> {
            Fencing.check(h, lease, clock.instant());
            // The update itself checks that the run is unfinished and the lease's; the reason is
            // looked up only when it matched nothing.
            if (updateRun(h, id, lease, result, at) == 0) {
              throw whyNotCompleted(h, id, lease.environment());
            }
            RunChangeRows.insert(h, id, changes);
          });
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
  }

  @Override
  public Optional<Run> find(RunId id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + RunRows.select("r", "")
                        + ", e.name AS environment_name, r.plan_json, r.commands_json,"
                        + " r.health_json FROM runs r JOIN environments e ON e.id ="
                        + " r.environment_id WHERE r.id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new RunRow(rs))
                .findOne()
                .map(
                    row ->
                        row.toRun(
                            row.finished()
                                ? RunChangeRows.read(h, id, -1, Integer.MAX_VALUE)
                                : null)));
  }

  /** The output of a run's post-apply and health-check commands, in the order they ran. */
  public List<CommandResult> commands(RunId id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT commands_json FROM runs WHERE id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .map(Json::commands)
                .orElse(List.of()));
  }

  /** A run without its changes. */
  public Optional<RunSummary> summary(RunId id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + RunRows.select("r", "")
                        + ", e.name AS environment_name FROM runs r JOIN environments e ON e.id ="
                        + " r.environment_id WHERE r.id = :id")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        RunRows.summary(
                            rs, 1, EnvironmentName.of(rs.getString("environment_name"))))
                .findOne());
  }

  /** An environment's run history, newest first. */
  public Page<RunSummary> history(RunQuery query) {
    long before = Sql.cursorId(query.cursor());
    List<RunSummary> rows =
        jdbi.withHandle(
            h -> {
              long envId = Sql.environmentId(h, query.environment().value());
              // Ordering by the whole (environment_id, id) index lets H2 walk it backwards and
              // stop at the limit, instead of walking the primary key; PostgreSQL does either.
              Query q =
                  h.createQuery(
                          "SELECT "
                              + RunRows.select("r", "")
                              + " FROM runs r WHERE r.environment_id = :env AND r.id < :before"
                              + (query.status() == null ? "" : " AND r.status = :status")
                              + " ORDER BY r.environment_id DESC, r.id DESC LIMIT :limit")
                      .bind("env", envId)
                      .bind("before", before)
                      .bind("limit", query.limit() + 1);
              if (query.status() != null) {
                q.bind("status", query.status().name());
              }
              return q.map((rs, ctx) -> RunRows.summary(rs, 1, query.environment())).list();
            });
    return Page.of(rows, query.limit(), last -> last.id().toString());
  }

  /** A run's changes in plan order; an unknown run is a {@link NotFoundException}. */
  public Page<RunChange> changes(ChangeQuery query) {
    long after = query.cursor() == null ? -1 : Sql.cursorId(query.cursor());
    List<RunChange> rows =
        jdbi.withHandle(
            h -> {
              status(h, query.run());
              return RunChangeRows.read(h, query.run(), after, query.limit() + 1);
            });
    return Page.of(rows, query.limit(), last -> Integer.toString(last.seq()));
  }

  // ---- writing

  private static RuntimeException whyNotCompleted(Handle h, RunId id, EnvironmentName environment) {
    return h.createQuery(
            "SELECT r.status, e.name FROM runs r JOIN environments e ON e.id = r.environment_id"
                + " WHERE r.id = :id")
        .bind("id", id.value())
        .map(
            (rs, ctx) -> {
              if (!rs.getString("name").equals(environment.value())) {
                return (RuntimeException)
                    new ConflictException(
                        "run " + id + " does not belong to environment '" + environment + "'",
                        Map.of("run", id.toString(), "environment", environment.value()));
              }
              String status = rs.getString("status");
              return new ConflictException(
                  "run " + id + " already finished as " + status,
                  Map.of("run", id.toString(), "status", status));
            })
        .findOne()
        .orElseGet(() -> new NotFoundException("run", id.toString()));
  }

  private int updateRun(
      Handle h, RunId id, EnvironmentLocks.Lease lease, RunResult result, Instant at) {
    ChangeCounts counts = ChangeCounts.of(result);
    ObjectNode plan = Json.MAPPER.createObjectNode();
    plan.set("pruneSkipped", Json.read(Json.keys(result.plan().pruneSkipped())));
    plan.set("drifted", Json.read(Json.keys(result.plan().drifted())));
    RunError error = result.error();
    return h.createUpdate(
            "UPDATE runs SET status = :status, revision = :revision, finished_at = :at,"
                + " started_at = COALESCE(started_at, :at), lease_id = :lease, creates ="
                + " :creates, updates = :updates, deletes = :deletes, applied = :applied, failed"
                + " = :failed, skipped = :skipped, drift = :drift, plan_json = :plan,"
                + " phases_json = :phases, commands_json = :commands, health_json = :health,"
                + " error_code = :code, error_message = :message, error_details_json ="
                + " :details WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND"
                + " environment_id = (SELECT id FROM environments WHERE name = :env)")
        .bind("status", result.status().name())
        .bind("revision", result.revision() == null ? null : result.revision().value())
        .bind("at", at)
        .bind("lease", lease.id())
        .bind("creates", counts.creates())
        .bind("updates", counts.updates())
        .bind("deletes", counts.deletes())
        .bind("applied", counts.applied())
        .bind("failed", counts.failed())
        .bind("skipped", counts.skipped())
        .bind("drift", result.drift())
        .bind("plan", Json.write(plan))
        .bind("phases", phasesThatFit(result.phases()))
        .bind("commands", Json.commands(result.commands()))
        .bind("health", Json.health(result.health()))
        .bind("code", error == null ? null : error.code())
        .bind("message", error == null ? null : error.message())
        .bind("details", error == null ? null : Json.stringMap(error.details()))
        .bind("id", id.value())
        .bind("env", lease.environment().value())
        .execute();
  }

  /** The phases column is bounded; a run never fails to complete for having too many phases. */
  private static String phasesThatFit(List<PhaseTiming> phases) {
    String json = Json.phases(phases);
    for (int n = phases.size(); json.length() > MAX_PHASES_JSON; n--) {
      json = Json.phases(phases.subList(0, n - 1));
    }
    return json;
  }

  /** One row per planned change; an outcome without a planned change is appended after them. */
  // ---- reading

  private static RunStatus status(Handle h, RunId id) {
    return h.createQuery("SELECT status FROM runs WHERE id = :id")
        .bind("id", id.value())
        .mapTo(String.class)
        .findOne()
        .map(RunStatus::valueOf)
        .orElseThrow(() -> new NotFoundException("run", id.toString()));
  }

  private static void requireRunOf(Handle h, RunId id, long envId, EnvironmentName environment) {
    Long owner =
        h.createQuery("SELECT environment_id FROM runs WHERE id = :id")
            .bind("id", id.value())
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> new NotFoundException("run", id.toString()));
    if (owner != envId) {
      throw new ConflictException(
          "run " + id + " does not belong to environment '" + environment + "'",
          Map.of("run", id.toString(), "environment", environment.value()));
    }
  }

  /** The run row as read; turned into the engine's {@link Run} with its changes. */
  private final class RunRow {
    final RunSummary summary;
    final String planJson;
    final String commandsJson;
    final String healthJson;

    RunRow(ResultSet rs) throws SQLException {
      summary = RunRows.summary(rs, 1, EnvironmentName.of(rs.getString("environment_name")));
      planJson = rs.getString("plan_json");
      commandsJson = rs.getString("commands_json");
      healthJson = rs.getString("health_json");
    }

    boolean finished() {
      return summary.status().finished() && summary.finishedAt() != null;
    }

    Run toRun(List<RunChange> changes) {
      RunResult result = null;
      if (changes != null) {
        List<Change> planned = new ArrayList<>(changes.size());
        List<ResourceOutcome> outcomes = new ArrayList<>(changes.size());
        for (RunChange row : changes) {
          Change change =
              new Change(
                  row.key(),
                  row.action(),
                  resource(row.key(), row.beforeKind(), row.beforeHash()),
                  resource(row.key(), row.afterKind(), row.afterHash()),
                  row.adopt(),
                  row.drift());
          planned.add(change);
          if (row.result() != null) {
            outcomes.add(new ResourceOutcome(change, row.result(), row.message()));
          }
        }
        JsonNode plan = planJson == null ? Json.MAPPER.createObjectNode() : Json.read(planJson);
        RunStatus status = summary.status();
        RunError error = summary.error();
        if (status == RunStatus.FAILED && error == null) {
          error = new RunError("internal", "no error was recorded", Map.of());
        }
        result =
            new RunResult(
                status,
                summary.revision(),
                new Plan(
                    planned, Json.keys(plan.path("pruneSkipped")), Json.keys(plan.path("drifted"))),
                outcomes,
                summary.phases(),
                Json.commands(commandsJson),
                Json.health(healthJson),
                error);
      }
      return new Run(
          summary.id(),
          summary.environment(),
          summary.trigger(),
          summary.status(),
          summary.createdAt(),
          summary.startedAt(),
          summary.finishedAt(),
          result);
    }

    private Resource resource(ResourceKey key, ResourceKind kind, ContentHash hash) {
      if (hash == null) {
        return null;
      }
      return new Resource(key, kind, Content.lazy(hash, () -> snapshots.bytes(hash)));
    }
  }
}
