package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunError;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.storage.model.ChangeCounts;
import io.driftless.storage.model.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  static RunSummary summary(ResultSet rs, String prefix, EnvironmentName environment)
      throws SQLException {
    String revision = rs.getString(prefix + "revision");
    String errorCode = rs.getString(prefix + "error_code");
    long rollbackOf = rs.getLong(prefix + "rollback_of_run_id");
    return new RunSummary(
        RunId.of(rs.getLong(prefix + "id")),
        environment,
        new Trigger(
            TriggerType.valueOf(rs.getString(prefix + "trigger_type")),
            rs.getString(prefix + "actor"),
            rs.getString(prefix + "reason")),
        RunStatus.valueOf(rs.getString(prefix + "status")),
        revision == null ? null : Revision.of(revision),
        Sql.instant(rs, prefix + "created_at"),
        Sql.instant(rs, prefix + "started_at"),
        Sql.instant(rs, prefix + "finished_at"),
        new ChangeCounts(
            rs.getInt(prefix + "creates"),
            rs.getInt(prefix + "updates"),
            rs.getInt(prefix + "deletes"),
            rs.getInt(prefix + "applied"),
            rs.getInt(prefix + "failed"),
            rs.getInt(prefix + "skipped")),
        rs.getBoolean(prefix + "drift"),
        Json.phases(rs.getString(prefix + "phases_json")),
        errorCode == null
            ? null
            : new RunError(
                errorCode,
                rs.getString(prefix + "error_message"),
                Json.stringMap(rs.getString(prefix + "error_details_json"))),
        rollbackOf == 0 ? null : RunId.of(rollbackOf));
  }
}
