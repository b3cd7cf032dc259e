package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-environment lock as a lease row: owner, heartbeat, expiry and an id that grows with each
 * acquisition. A row, not a session advisory lock, because a pooled connection outlives the thread
 * that died holding it; the same SQL works on H2 and PostgreSQL. Expiry is judged by the injected
 * clock, so replicas are expected to keep their clocks in sync (NTP) well within the TTL.
 */
public final class EnvironmentLeases implements EnvironmentLocks {
  static final int MAX_OWNER = 255;

  private final Jdbi jdbi;
  private final Clock clock;

  public EnvironmentLeases(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Optional<Lease> tryAcquire(EnvironmentName environment, String owner, Duration ttl) {
    InvalidInputException.checkLength("owner", owner, MAX_OWNER);
    requirePositive(ttl);
    Instant now = Sql.micros(clock.instant());
    Instant expiresAt = now.plus(ttl);
    // One conditional UPDATE decides between contenders: the database serializes writers of the
    // row, and the loser's condition no longer holds when it re-reads the row.
    Optional<Lease> taken =
        jdbi.inTransaction(
            h -> {
              int updated =
                  h.createUpdate(
                          "UPDATE environment_leases SET owner = :owner, lease_id = lease_id + 1,"
                              + " acquired_at = :now, heartbeat_at = :now, expires_at = :expires"
                              + " WHERE environment = :env AND (owner IS NULL OR expires_at <="
                              + " :now)")
                      .bind("owner", owner)
                      .bind("now", now)
                      .bind("expires", expiresAt)
                      .bind("env", environment.value())
                      .execute();
              if (updated == 0) {
                return Optional.<Lease>empty();
              }
              long id =
                  h.createQuery("SELECT lease_id FROM environment_leases WHERE environment = :env")
                      .bind("env", environment.value())
                      .mapTo(Long.class)
                      .one();
              return Optional.of(new Lease(environment, owner, id, expiresAt));
            });
    if (taken.isPresent() || exists(environment)) {
      return taken;
    }
    boolean created =
        Sql.insertUnlessTaken(
            jdbi,
            h ->
                h.createUpdate(
                        "INSERT INTO environment_leases (environment, owner, lease_id,"
                            + " acquired_at, heartbeat_at, expires_at) VALUES (:env, :owner, 1,"
                            + " :now, :now, :expires)")
                    .bind("env", environment.value())
                    .bind("owner", owner)
                    .bind("now", now)
                    .bind("expires", expiresAt)
                    .execute());
    // Not created: another contender created the row first, and holds the lease.
    return created ? Optional.of(new Lease(environment, owner, 1, expiresAt)) : Optional.empty();
  }

  @Override
  public Optional<Lease> renew(Lease lease, Duration ttl) {
    requirePositive(ttl);
    Instant now = Sql.micros(clock.instant());
    Instant expiresAt = now.plus(ttl);
    int updated =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE environment_leases SET heartbeat_at = :now, expires_at ="
                            + " :expires WHERE environment = :env AND owner = :owner AND"
                            + " lease_id = :id AND expires_at > :now")
                    .bind("now", now)
                    .bind("expires", expiresAt)
                    .bind("env", lease.environment().value())
                    .bind("owner", lease.owner())
                    .bind("id", lease.id())
                    .execute());
    return updated == 1
        ? Optional.of(new Lease(lease.environment(), lease.owner(), lease.id(), expiresAt))
        : Optional.empty();
  }

  @Override
  public void release(Lease lease) {
    Instant now = Sql.micros(clock.instant());
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE environment_leases SET owner = NULL, expires_at = :now WHERE"
                        + " environment = :env AND owner = :owner AND lease_id = :id")
                .bind("now", now)
                .bind("env", lease.environment().value())
                .bind("owner", lease.owner())
                .bind("id", lease.id())
                .execute());
  }

  @Override
  public List<EnvironmentName> breakAbandoned(Predicate<String> alive) {
    Objects.requireNonNull(alive, "alive");
    Instant now = Sql.micros(clock.instant());
    return jdbi.inTransaction(
        h -> {
          record Held(String environment, String owner, long id) {}
          List<Held> held =
              h.createQuery(
                      "SELECT environment, owner, lease_id FROM environment_leases WHERE owner IS"
                          + " NOT NULL AND expires_at > :now")
                  .bind("now", now)
                  .map(
                      (rs, ctx) ->
                          new Held(
                              rs.getString("environment"),
                              rs.getString("owner"),
                              rs.getLong("lease_id")))
                  .list();
          List<EnvironmentName> broken = new ArrayList<>();
          for (Held lease : held) {
            if (alive.test(lease.owner())) {
              continue;
            }
            // Conditional on the id read: a lease released or taken over since is left alone.
            int updated =
                h.createUpdate(
                        "UPDATE environment_leases SET owner = NULL, lease_id = lease_id + 1,"
                            + " expires_at = :now WHERE environment = :env AND owner = :owner"
                            + " AND lease_id = :id")
                    .bind("now", now)
                    .bind("env", lease.environment())
                    .bind("owner", lease.owner())
                    .bind("id", lease.id())
                    .execute();
            if (updated == 1) {
              broken.add(EnvironmentName.of(lease.environment()));
            }
          }
          return broken;
        });
  }

  /** The current holder, if the lease is held and not expired. */
  @Override
  public Optional<Lease> holder(EnvironmentName environment) {
    Instant now = clock.instant();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT owner, lease_id, expires_at FROM environment_leases WHERE environment"
                        + " = :env AND owner IS NOT NULL AND expires_at > :now")
                .bind("env", environment.value())
                .bind("now", now)
                .map(
                    (rs, ctx) ->
                        new Lease(
                            environment,
                            rs.getString("owner"),
                            rs.getLong("lease_id"),
                            Sql.instant(rs, "expires_at")))
                .findOne());
  }

  private boolean exists(EnvironmentName environment) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT 1 FROM environment_leases WHERE environment = :env")
                .bind("env", environment.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  private static void requirePositive(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl must be positive: " + ttl);
    }
  }
}
