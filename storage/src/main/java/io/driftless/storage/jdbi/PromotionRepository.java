package io.driftless.storage.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.PromotionQuery;
import io.driftless.engine.port.query.PromotionRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Every promotion made and where it stands; one row each, states stored by their labels. */
public final class PromotionRepository implements PromotionLog {
  private static final String PENDING = "state IN ('open', 'merged')";

  private final Jdbi jdbi;
  private final Clock clock;

  public PromotionRepository(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public PromotionRecord record(Promotion p, PromotionState state, String failure) {
    Instant now = Sql.micros(clock.instant());
    Map<String, Object> columns = new HashMap<>();
    columns.put("environment", p.environment().value());
    columns.put("fromEnvironment", p.from().value());
    columns.put("fromPath", p.fromPath());
    columns.put("paths", paths(p.paths()));
    columns.put("via", p.via().label());
    columns.put("revision", p.revision().value());
    columns.put("commitId", p.commit() == null ? null : p.commit().value());
    columns.put("branch", p.branch());
    columns.put("prNumber", p.pullRequest() == null ? null : p.pullRequest().number());
    columns.put("prUrl", p.pullRequest() == null ? null : p.pullRequest().url());
    columns.put("requestedBy", p.requestedBy());
    columns.put("reason", p.reason());
    columns.put("fromAppliedAt", p.fromAppliedAt() == null ? null : Sql.micros(p.fromAppliedAt()));
    columns.put("state", state.label());
    columns.put("failure", failure);
    columns.put("now", now);
    columns.put("settled", settledAt(state, now));
    long id =
        Sql.inTransaction(
            jdbi,
            h -> {
              if (state.pending()) {
                h.createUpdate(
                        "UPDATE promotions SET state = 'superseded', updated_at = :now, settled_at"
                            + " = :now WHERE environment = :environment AND "
                            + PENDING)
                    .bind("now", now)
                    .bind("environment", p.environment().value())
                    .execute();
              }
              return h.createUpdate(
                      "INSERT INTO promotions (environment, from_environment, from_path,"
                          + " paths_json, via, revision, commit_id, branch, pr_number, pr_url,"
                          + " requested_by, reason, from_applied_at, state, failure, created_at,"
                          + " updated_at, settled_at) VALUES (:environment, :fromEnvironment,"
                          + " :fromPath, :paths, :via, :revision, :commitId, :branch, :prNumber,"
                          + " :prUrl, :requestedBy, :reason, :fromAppliedAt, :state, :failure,"
                          + " :now, :now, :settled)")
                  .bindMap(columns)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
            });
    return find(id).orElseThrow();
  }

  @Override
  public List<PromotionRecord> pending(EnvironmentName environment) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM promotions WHERE environment = :environment AND "
                        + PENDING
                        + " ORDER BY id DESC")
                .bind("environment", environment.value())
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public boolean settle(long id, PromotionState state, RunId run, String failure) {
    Instant now = Sql.micros(clock.instant());
    return Sql.inTransaction(
            jdbi,
            h ->
                h.createUpdate(
                        "UPDATE promotions SET state = :state, applied_run = :run, failure ="
                            + " :failure, updated_at = :now, settled_at = :settled WHERE id = :id"
                            + " AND "
                            + PENDING)
                    .bind("state", state.label())
                    .bind("run", run == null ? null : run.value())
                    .bind("failure", failure)
                    .bind("now", now)
                    .bind("settled", settledAt(state, now))
                    .bind("id", id)
                    .execute())
        > 0;
  }

  @Override
  public Optional<PromotionRecord> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM promotions WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public boolean promoted(EnvironmentName environment, Revision revision) {
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT COUNT(*) FROM promotions WHERE environment = :environment AND revision ="
                            + " :revision")
                    .bind("environment", environment.value())
                    .bind("revision", revision.value())
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  @Override
  public Page<PromotionRecord> list(PromotionQuery query) {
    long before = Sql.cursorId(query.cursor());
    Filters filters =
        new Filters()
            .and(
                "environment = :environment",
                "environment",
                query.environment() == null ? null : query.environment().value());
    List<PromotionRecord> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM promotions WHERE id < :before"
                            + filters.sql()
                            + " ORDER BY id DESC LIMIT :limit")
                    .bindMap(filters.values())
                    .bind("before", before)
                    .bind("limit", query.limit() + 1)
                    .map((rs, ctx) -> row(rs))
                    .list());
    return Page.of(rows, query.limit(), last -> Long.toString(last.id()));
  }

  @Override
  public Map<PromotionState, Long> countByState() {
    Map<PromotionState, Long> counts = new EnumMap<>(PromotionState.class);
    jdbi.useHandle(h -> counts(h).forEach((state, n) -> counts.put(PromotionState.of(state), n)));
    return counts;
  }

  private static Map<String, Long> counts(Handle h) {
    Map<String, Long> counts = new HashMap<>();
    h.createQuery("SELECT state, COUNT(*) AS n FROM promotions GROUP BY state")
        .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private static Instant settledAt(PromotionState state, Instant now) {
    return state.settled() ? now : null;
  }

  private static String paths(PromotionPaths paths) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    paths.patterns().forEach(array::add);
    return Json.write(array);
  }

  private static PromotionPaths paths(String json) {
    List<String> patterns = new ArrayList<>();
    for (JsonNode node : Json.read(json)) {
      patterns.add(node.asText());
    }
    return new PromotionPaths(patterns);
  }

  private static PromotionRecord row(ResultSet rs) throws SQLException {
    String commit = rs.getString("commit_id");
    int prNumber = rs.getInt("pr_number");
    Promotion.PullRequestLink pr =
        rs.wasNull() ? null : new Promotion.PullRequestLink(prNumber, rs.getString("pr_url"));
    long run = rs.getLong("applied_run");
    RunId appliedRun = rs.wasNull() ? null : RunId.of(run);
    return new PromotionRecord(
        rs.getLong("id"),
        new Promotion(
            EnvironmentName.of(rs.getString("environment")),
            EnvironmentName.of(rs.getString("from_environment")),
            rs.getString("from_path"),
            paths(rs.getString("paths_json")),
            PromotionRule.Via.of(rs.getString("via")),
            Revision.of(rs.getString("revision")),
            commit == null ? null : Revision.of(commit),
            rs.getString("branch"),
            pr,
            rs.getString("requested_by"),
            rs.getString("reason"),
            Sql.instant(rs, "from_applied_at")),
        PromotionState.of(rs.getString("state")),
        rs.getString("failure"),
        appliedRun,
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "settled_at"));
  }
}
