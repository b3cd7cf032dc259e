package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.query.ChangeCounts;
import io.driftless.engine.port.query.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The run row columns a {@link RunSummary} is read from, shared by history and listings. */
final class RunRows {
  private static final List<String> COLUMNS =
      List.of(
          "id",
          "trigger_type",
          "actor",
          "reason",
          "status",
          "revision",
          "created_at",
          "started_at",
          "finished_at",
          "creates",
          "updates",
          "deletes",
          "applied",
          "failed",
          "skipped",
          "drift",
          "phases_json",
          "error_code",
          "error_message",
          "error_details_json",
          "rollback_of_run_id");

  private RunRows() {}

  /** {@code alias.column AS prefixcolumn, ...} */
  static String select(String alias, String prefix) {
    return COLUMNS.stream()
        .map(c -> alias + "." + c + " AS " + prefix + c)
        .collect(Collectors.joining(", "));
  }

  /**
   * Reads the columns of {@link #select} starting at column {@code first}: by position, since
   * looking columns up by name was a large part of the cost of a long listing.
   */
  static RunSummary summary(ResultSet rs, int first, EnvironmentName environment)
      throws SQLException {
    int c = first;
    long id = rs.getLong(c++);
    String triggerType = rs.getString(c++);
    String actor = rs.getString(c++);
    String reason = rs.getString(c++);
    String status = rs.getString(c++);
    String revision = rs.getString(c++);
    Instant createdAt = Sql.instant(rs, c++);
    Instant startedAt = Sql.instant(rs, c++);
    Instant finishedAt = Sql.instant(rs, c++);
    ChangeCounts counts =
        new ChangeCounts(
            rs.getInt(c++),
            rs.getInt(c++),
            rs.getInt(c++),
            rs.getInt(c++),
            rs.getInt(c++),
            rs.getInt(c++));
    boolean drift = rs.getBoolean(c++);
    String phases = rs.getString(c++);
    String errorCode = rs.getString(c++);
    String errorMessage = rs.getString(c++);
    String errorDetails = rs.getString(c++);
    long rollbackOf = rs.getLong(c);
    return new RunSummary(
        RunId.of(id),
        environment,
        new Trigger(TriggerType.valueOf(triggerType), actor, reason),
        RunStatus.valueOf(status),
        revision == null ? null : Revision.of(revision),
        createdAt,
        startedAt,
        finishedAt,
        counts,
        drift,
        Json.phases(phases),
        errorCode == null
            ? null
            : new RunError(errorCode, errorMessage, Json.stringMap(errorDetails)),
        rollbackOf == 0 ? null : RunId.of(rollbackOf));
  }
}
