package io.driftless.storage.jdbi;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.NotificationSummary;
import io.driftless.engine.port.query.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Environments read as summaries: state, status, places and last run from their row, each spec
 * parsed once per spec version and kept, since specs change far less often than they are listed.
 */
final class EnvironmentSummaries {
  /** The listing status, computed where the filter needs it; mirrors {@link EnvironmentStatus}. */
  static final String STATUS =
      "CASE WHEN e.retired THEN 'RETIRED' WHEN e.suspended THEN 'SUSPENDED'"
          + " WHEN r.status IN ('QUEUED', 'RUNNING') THEN 'RUNNING'"
          + " WHEN r.status = 'FAILED' THEN 'FAILED'"
          + " WHEN e.pinned_revision IS NOT NULL THEN 'PINNED'"
          + " WHEN e.applied_revision IS NULL THEN 'UNKNOWN'"
          + " WHEN e.out_of_sync OR e.drift OR e.head_revision <> e.applied_revision"
          + " THEN 'OUT_OF_SYNC'"
          + " ELSE 'SYNCED' END";

  /** State, status and last run: narrow, because the spec comes from the cache. */
  private static final String SELECT =
      "SELECT e.id, e.spec_version, e.name, e.created_at, e.updated_at, e.pinned_revision,"
          + " e.pinned_auto, e.pinned_by, e.pinned_reason, e.pinned_at, e.pinned_run_id,"
          + " e.pinned_restore_commit, e.pinned_restore_error,"
          + " e.suspended, e.applied_revision, e.head_revision, e.health,"
          + " e.out_of_sync, e.drift, e.last_checked_at, "
          + STATUS
          + " AS env_status, "
          + RunRows.select("r", "r_")
          + ", e.places_json, e.retired"
          + " FROM environments e JOIN sources s ON s.id = e.source_id"
          + " LEFT JOIN runs r ON r.id = e.last_run_id";

  private static final String SELECT_SPECS =
      "SELECT e.id, e.spec_version, e.name, s.name AS source_name, e.ref, e.path,"
          + " e.renderer_json, e.variables_json, e.target_json, e.sync_json, e.sensitive_json,"
          + " e.promotion_json, e.decrypt, e.decrypted_mode, n.summary_json AS notifications_json FROM environments e"
          + " JOIN sources s ON s.id = e.source_id"
          + " LEFT JOIN environment_notifications n ON n.environment_id = e.id"
          + " WHERE e.id IN (<ids>)";

  /** Parsed specs by environment id; a listing then parses only state and the last run. */
  private static final int MAX_CACHED_SPECS = 10_000;

  private final ConcurrentHashMap<Long, CachedSpec> specs = new ConcurrentHashMap<>();

  private record CachedSpec(
      long version, Environment environment, List<NotificationSummary> notifications) {}

  /**
   * The environments {@code filters} keep, in name order, at most {@code limit}; a filter on the
   * status compares {@link #STATUS}.
   */
  List<EnvironmentSummary> list(Handle h, Filters filters, int limit) {
    return withSpecs(
        h,
        h.createQuery(SELECT + " WHERE 1 = 1" + filters.sql() + " ORDER BY e.name LIMIT :limit")
            .bindMap(filters.values())
            .bind("limit", limit)
            .map((rs, ctx) -> row(rs))
            .list());
  }

  /** The environment named {@code name}, read on {@code h}; empty when none is registered. */
  Optional<EnvironmentSummary> view(Handle h, EnvironmentName name) {
    List<Row> rows =
        h.createQuery(SELECT + " WHERE e.name = :name")
            .bind("name", name.value())
            .map((rs, ctx) -> row(rs))
            .list();
    return withSpecs(h, rows).stream().findFirst();
  }

  /** One listing row before its spec is attached. */
  private record Row(
      long id,
      long specVersion,
      EnvironmentState state,
      EnvironmentStatus status,
      RunSummary lastRun,
      Instant createdAt,
      Instant updatedAt,
      Map<String, PlaceStatus> places) {}

  /** Reads {@link #SELECT} by position; see {@link RunRows#summary}. */
  private static Row row(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    long specVersion = rs.getLong(2);
    EnvironmentName name = EnvironmentName.of(rs.getString(3));
    Instant createdAt = Sql.instant(rs, 4);
    Instant updatedAt = Sql.instant(rs, 5);
    Revision pinned = revision(rs.getString(6));
    Pin pin = null;
    if (pinned != null) {
      long snapshotRun = rs.getLong(11);
      pin =
          new Pin(
              pinned,
              rs.getBoolean(7),
              rs.getString(8),
              rs.getString(9),
              Sql.instant(rs, 10),
              snapshotRun == 0 ? null : RunId.of(snapshotRun),
              revision(rs.getString(12)),
              rs.getString(13));
    }
    EnvironmentState state =
        new EnvironmentState(
            pin,
            rs.getBoolean(14),
            revision(rs.getString(15)),
            revision(rs.getString(16)),
            Health.valueOf(rs.getString(17)),
            rs.getBoolean(18),
            rs.getBoolean(19),
            Sql.instant(rs, 20),
            rs.getBoolean("retired"));
    rs.getLong(22);
    RunSummary lastRun = rs.wasNull() ? null : RunRows.summary(rs, 22, name);
    // Column 21 is the SQL mirror of the rule, there for the filter; the rule itself decides.
    EnvironmentStatus status =
        EnvironmentStatus.of(state, lastRun == null ? null : lastRun.status());
    return new Row(
        id,
        specVersion,
        state,
        status,
        lastRun,
        createdAt,
        updatedAt,
        Json.places(rs.getString("places_json")));
  }

  /**
   * Attaches each row's spec: parsed once per spec version and kept, since specs change far less
   * often than they are listed; the specs not kept yet are read in one query.
   */
  private List<EnvironmentSummary> withSpecs(Handle h, List<Row> rows) {
    List<Long> missing = new ArrayList<>();
    for (Row row : rows) {
      CachedSpec cached = specs.get(row.id());
      if (cached == null || cached.version() < row.specVersion()) {
        missing.add(row.id());
      }
    }
    if (!missing.isEmpty()) {
      if (specs.size() + missing.size() > MAX_CACHED_SPECS) {
        specs.clear();
      }
      h.createQuery(SELECT_SPECS)
          .bindList("ids", missing)
          .map(
              (rs, ctx) ->
                  Map.entry(
                      rs.getLong("id"),
                      new CachedSpec(
                          rs.getLong("spec_version"),
                          new Environment(
                              EnvironmentName.of(rs.getString("name")),
                              SourceName.of(rs.getString("source_name")),
                              rs.getString("ref"),
                              rs.getString("path"),
                              SpecJson.renderer(rs.getString("renderer_json")),
                              SpecJson.variables(rs.getString("variables_json")),
                              SpecJson.target(rs.getString("target_json")),
                              SpecJson.sync(rs.getString("sync_json")),
                              SpecJson.sensitive(rs.getString("sensitive_json")),
                              SpecJson.promotion(rs.getString("promotion_json")),
                              rs.getBoolean("decrypt"),
                              new FileMode(rs.getInt("decrypted_mode"))),
                          Json.notificationSummaries(rs.getString("notifications_json")))))
          .forEach(e -> specs.merge(e.getKey(), e.getValue(), EnvironmentSummaries::newer));
    }
    List<EnvironmentSummary> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      CachedSpec spec = specs.get(row.id());
      if (spec == null) {
        continue; // deleted between the two queries
      }
      out.add(
          new EnvironmentSummary(
              spec.environment(),
              row.state(),
              row.status(),
              row.lastRun(),
              row.createdAt(),
              row.updatedAt(),
              spec.notifications(),
              row.places()));
    }
    return out;
  }

  private static CachedSpec newer(CachedSpec a, CachedSpec b) {
    return a.version() >= b.version() ? a : b;
  }

  private static Revision revision(String value) {
    return value == null ? null : Revision.of(value);
  }
}
