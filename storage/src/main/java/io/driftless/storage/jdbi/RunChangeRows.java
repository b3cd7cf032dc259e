package io.driftless.storage.jdbi;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.query.RunChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The {@code run_changes} rows of a run: written in batches when it completes, read in order. */
final class RunChangeRows {
  private static final int BATCH = 1000;

  private RunChangeRows() {}

  /**
   * Plain JDBC batches on the transaction's connection: binding by position costs a fraction of
   * binding by name, which matters for 10,000 changes and for every run's few.
   */
  static void insert(Handle h, RunId id, List<RunChange> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        h.getConnection()
            .prepareStatement(
                "INSERT INTO run_changes (run_id, seq, resource_key, action, result, message,"
                    + " before_kind, before_hash, after_kind, after_hash, adopt, drift,"
                    + " values_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (RunChange row : rows) {
        s.setLong(1, id.value());
        s.setInt(2, row.seq());
        s.setString(3, row.key().value());
        s.setString(4, row.action().name());
        s.setString(5, row.result() == null ? null : row.result().name());
        s.setString(6, row.result() == null ? null : row.message());
        s.setString(7, row.beforeKind() == null ? null : row.beforeKind().name());
        s.setString(8, row.beforeHash() == null ? null : row.beforeHash().value());
        s.setString(9, row.afterKind() == null ? null : row.afterKind().name());
        s.setString(10, row.afterHash() == null ? null : row.afterHash().value());
        s.setBoolean(11, row.adopt());
        s.setBoolean(12, row.drift());
        if (row.valuesChanged() == null) {
          s.setNull(13, java.sql.Types.INTEGER);
        } else {
          s.setInt(13, row.valuesChanged());
        }
        s.addBatch();
        if (++pending == BATCH) {
          s.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        s.executeBatch();
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  /** The run's changes after {@code seq} (-1 for all), in order, at most {@code limit}. */
  static List<RunChange> read(Handle h, RunId id, long after, int limit) {
    return h.createQuery(
            "SELECT * FROM run_changes WHERE run_id = :run AND seq > :after ORDER BY seq LIMIT"
                + " :limit")
        .bind("run", id.value())
        .bind("after", after)
        .bind("limit", limit)
        .map((rs, ctx) -> change(rs))
        .list();
  }

  private static RunChange change(ResultSet rs) throws SQLException {
    String result = rs.getString("result");
    String beforeKind = rs.getString("before_kind");
    String afterKind = rs.getString("after_kind");
    String beforeHash = rs.getString("before_hash");
    String afterHash = rs.getString("after_hash");
    return new RunChange(
        rs.getInt("seq"),
        ResourceKey.of(rs.getString("resource_key")),
        ChangeAction.valueOf(rs.getString("action")),
        result == null ? null : ResourceOutcome.Result.valueOf(result),
        rs.getString("message"),
        beforeKind == null ? null : ResourceKind.valueOf(beforeKind),
        beforeHash == null ? null : ContentHash.of(beforeHash),
        afterKind == null ? null : ResourceKind.valueOf(afterKind),
        afterHash == null ? null : ContentHash.of(afterHash),
        rs.getBoolean("adopt"),
        rs.getBoolean("drift"),
        rs.getObject("values_changed") == null ? null : rs.getInt("values_changed"));
  }
}
