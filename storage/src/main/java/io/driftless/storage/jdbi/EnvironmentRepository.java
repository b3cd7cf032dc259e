package io.driftless.storage.jdbi;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentReading;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registered environments: their spec, their state between runs, and listings with status (read by
 * {@link EnvironmentSummaries}).
 */
public final class EnvironmentRepository implements EnvironmentCatalog {
  static final int MAX_REF = 1024;
  static final int MAX_PATH = 1024;

  private final Jdbi jdbi;
  private final CredentialRepository credentials;
  private final Clock clock;
  private final EnvironmentSummaries summaries = new EnvironmentSummaries();

  /** {@code credentials} holds the named credentials an ssh target may log in with. */
  public EnvironmentRepository(Jdbi jdbi, CredentialRepository credentials, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.credentials = Objects.requireNonNull(credentials);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Registers an environment. A taken name is a {@link ConflictException}, an unknown source a
   * {@link NotFoundException}; nothing is written in either case.
   */
  public EnvironmentSummary register(Environment environment) {
    return save(
        environment,
        "INSERT INTO environments (name, source_id, ref, path, renderer_json, variables_json,"
            + " target_type, target_json, target_credential_id, sync_json, sensitive_json,"
            + " promotion_json, decrypt, decrypted_mode, created_at, updated_at) VALUES (:name,"
            + " :sourceId, :ref, :path, :renderer, :variables, :targetType, :target,"
            + " :targetCredentialId, :sync, :sensitive, :promotion, :decrypt, :decryptedMode, :now,"
            + " :now)",
        () ->
            new ConflictException(
                "an environment named '" + environment.name() + "' already exists",
                Map.of("environment", environment.name().value(), "field", "name")));
  }

  /** Replaces an environment's spec; its state and history stay. */
  public EnvironmentSummary update(Environment environment) {
    return save(
        environment,
        "UPDATE environments SET source_id = :sourceId, ref = :ref, path = :path, renderer_json ="
            + " :renderer, variables_json = :variables, target_type = :targetType, target_json ="
            + " :target, target_credential_id = :targetCredentialId, sync_json = :sync,"
            + " sensitive_json = :sensitive, promotion_json = :promotion, decrypt = :decrypt,"
            + " decrypted_mode = :decryptedMode,"
            + " spec_version ="
            + " spec_version + 1, updated_at = :now WHERE name = :name",
        null);
  }

  /**
   * Writes the environment's spec columns with {@code sql}: no row written is a {@link
   * NotFoundException}, a taken name {@code taken} (null where the statement cannot take one).
   */
  private EnvironmentSummary save(
      Environment environment, String sql, Supplier<ConflictException> taken) {
    check(environment);
    Instant now = Sql.micros(clock.instant());
    return Sql.inTransaction(
        jdbi,
        h -> {
          long sourceId = Sql.sourceId(h, environment.source().value());
          Sql.requireFound(
              h.createUpdate(sql)
                  .bindMap(columns(environment))
                  .bind("sourceId", sourceId)
                  .bind("targetCredentialId", loginCredentialId(h, environment))
                  .bind("now", now)
                  .execute(),
              "environment",
              environment.name().value());
          return summaries.view(h, environment.name()).orElseThrow();
        },
        taken);
  }

  /**
   * The row of the credential an ssh target logs in with, after checking it in this transaction:
   * the column's foreign key then keeps the credential while the environment uses it.
   */
  private Long loginCredentialId(Handle h, Environment environment) {
    CredentialStore.checkLogin(environment, name -> credentials.find(h, name));
    if (!(environment.target() instanceof TargetSpec.Ssh ssh)) {
      return null;
    }
    return h.createQuery("SELECT id FROM credentials WHERE name = :name")
        .bind("name", ssh.credential().value())
        .mapTo(Long.class)
        .one();
  }

  /** Removes an environment with its runs, snapshots and inventory. */
  public void delete(EnvironmentName name) {
    jdbi.useTransaction(
        h -> {
          long id = Sql.environmentId(h, name.value());
          // Runs first: their change rows cascade, then snapshots, inventory and the row itself.
          h.createUpdate("DELETE FROM runs WHERE environment_id = :id").bind("id", id).execute();
          h.createUpdate("DELETE FROM environments WHERE id = :id").bind("id", id).execute();
        });
  }

  public Optional<EnvironmentSummary> view(EnvironmentName name) {
    return jdbi.withHandle(h -> summaries.view(h, name));
  }

  /** Environments with their status and last run, by name, filtered and paginated. */
  public Page<EnvironmentSummary> list(EnvironmentQuery query) {
    Filters filters =
        new Filters()
            .and("e.name > :cursor", "cursor", query.cursor())
            .and("e.name LIKE :prefix ESCAPE '\\'", "prefix", query.namePrefix(), Sql::likePrefix)
            .and("s.name = :source", "source", query.source(), SourceName::value)
            .and("e.managed_by = :owner", "owner", query.owner())
            .and(
                EnvironmentSummaries.STATUS + " = :status",
                "status",
                query.status(),
                EnvironmentStatus::name);
    List<EnvironmentSummary> rows =
        jdbi.withHandle(h -> summaries.list(h, filters, query.limit() + 1));
    return Page.of(rows, query.limit(), last -> last.environment().name().value());
  }

  /**
   * A success is a run that succeeded or had nothing to do, or a scheduled check (which leaves no
   * run behind) made while the last run had not failed.
   */
  @Override
  public List<EnvironmentReading> readings() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT e.name,"
                        + " (SELECT COUNT(*) FROM inventory i WHERE i.environment_id = e.id)"
                        + " AS resources,"
                        + " (SELECT MAX(s.finished_at) FROM runs s WHERE s.environment_id = e.id"
                        + "   AND s.status IN ('SUCCEEDED', 'NO_OP')) AS last_run_success,"
                        + " CASE WHEN r.status IS NULL OR r.status NOT IN ('FAILED', 'INTERRUPTED')"
                        + "   THEN e.last_checked_at END AS last_check_success"
                        + " FROM environments e LEFT JOIN runs r ON r.id = e.last_run_id"
                        + " ORDER BY e.name")
                .map(
                    (rs, ctx) ->
                        new EnvironmentReading(
                            EnvironmentName.of(rs.getString("name")),
                            rs.getLong("resources"),
                            newest(
                                Sql.instant(rs, "last_run_success"),
                                Sql.instant(rs, "last_check_success"))))
                .list());
  }

  private static Instant newest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  @Override
  public Optional<Environment> find(EnvironmentName name) {
    return view(name).map(EnvironmentSummary::environment);
  }

  @Override
  public EnvironmentState state(EnvironmentName name) {
    return view(name)
        .map(EnvironmentSummary::state)
        .orElseThrow(() -> new NotFoundException("environment", name.value()));
  }

  @Override
  public void recordPlaces(EnvironmentName name, Map<String, PlaceStatus> places) {
    updateState(name, "places_json = :places", Map.of("places", Json.places(places)));
  }

  @Override
  public Map<String, PlaceStatus> places(EnvironmentName name) {
    return view(name)
        .map(EnvironmentSummary::places)
        .orElseThrow(() -> new NotFoundException("environment", name.value()));
  }

  @Override
  public void recordChecked(
      EnvironmentName name, Revision head, boolean outOfSync, boolean drift, Instant at) {
    updateState(
        name,
        "head_revision = :head, out_of_sync = :outOfSync, drift = :drift, last_checked_at = :at",
        Map.of("head", head.value(), "outOfSync", outOfSync, "drift", drift, "at", at));
  }

  @Override
  public void recordApplied(
      EnvironmentLocks.Lease lease, Revision applied, Revision head, Health health, Instant at) {
    jdbi.useTransaction(
        h -> {
          Fencing.check(h, lease, clock.instant());
          Sql.requireFound(
              h.createUpdate(
                      "UPDATE environments SET applied_revision = :applied, applied_at = :at,"
                          + " head_revision = :head, health = :health, out_of_sync = FALSE, drift ="
                          + " FALSE, last_checked_at = :at WHERE name = :name")
                  .bind("applied", applied.value())
                  .bind("head", head == null ? applied.value() : head.value())
                  .bind("health", (health == null ? Health.UNKNOWN : health).name())
                  .bind("at", at)
                  .bind("name", lease.environment().value())
                  .execute(),
              "environment",
              lease.environment().value());
        });
  }

  @Override
  public void pin(EnvironmentName name, Pin pin) {
    InvalidInputException.checkLength("pinnedBy", pin.by(), 255);
    InvalidInputException.checkLength("reason", pin.reason(), 4096);
    Map<String, Object> values = new HashMap<>();
    values.put("revision", pin.revision().value());
    values.put("automatic", pin.automatic());
    values.put("by", pin.by());
    values.put("reason", pin.reason());
    values.put("at", pin.at() == null ? clock.instant() : pin.at());
    values.put("run", pin.snapshotRun() == null ? null : pin.snapshotRun().value());
    values.put("restore", pin.restoreCommit() == null ? null : pin.restoreCommit().value());
    values.put("restoreError", truncate(pin.restoreError(), 4096));
    updateState(
        name,
        "pinned_revision = :revision, pinned_auto = :automatic, pinned_by = :by, pinned_reason ="
            + " :reason, pinned_at = :at, pinned_run_id = :run, pinned_restore_commit = :restore,"
            + " pinned_restore_error = :restoreError",
        values);
  }

  @Override
  public void unpin(EnvironmentName name) {
    updateState(
        name,
        "pinned_revision = NULL, pinned_auto = FALSE, pinned_by = NULL, pinned_reason = NULL,"
            + " pinned_at = NULL, pinned_run_id = NULL, pinned_restore_commit = NULL,"
            + " pinned_restore_error = NULL",
        Map.of());
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  @Override
  public void setSuspended(EnvironmentName name, boolean suspended) {
    updateState(name, "suspended = :suspended", Map.of("suspended", suspended));
  }

  private void updateState(EnvironmentName name, String set, Map<String, Object> values) {
    Sql.requireFound(
        jdbi.withHandle(
            h ->
                h.createUpdate("UPDATE environments SET " + set + " WHERE name = :name")
                    .bindMap(values)
                    .bind("name", name.value())
                    .execute()),
        "environment",
        name.value());
  }

  private static Map<String, Object> columns(Environment environment) {
    Map<String, Object> columns = new java.util.HashMap<>();
    columns.put("name", environment.name().value());
    columns.put("ref", environment.ref());
    columns.put("path", environment.path());
    columns.put("renderer", SpecJson.renderer(environment.renderer()));
    columns.put("variables", SpecJson.variables(environment.variables()));
    columns.put("targetType", environment.target().type());
    columns.put("target", SpecJson.target(environment.target()));
    columns.put("sync", SpecJson.sync(environment.sync()));
    columns.put("sensitive", SpecJson.sensitive(environment.sensitive()));
    columns.put("promotion", SpecJson.promotion(environment.promotion()));
    columns.put("decrypt", environment.decrypt());
    columns.put("decryptedMode", environment.decryptedMode().bits());
    return columns;
  }

  private static void check(Environment environment) {
    InvalidInputException.checkLength("ref", environment.ref(), MAX_REF);
    InvalidInputException.checkLength("path", environment.path(), MAX_PATH);
  }
}
