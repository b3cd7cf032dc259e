package io.driftless.storage.jdbi;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** What every repository shares: time binding, error classification, name lookups. */
final class Sql {
  private Sql() {}

  /** Binds instants as UTC {@code TIMESTAMP WITH TIME ZONE}, never through the JVM zone. */
  static void install(Jdbi jdbi) {
    jdbi.registerArgument(
        new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
          @Override
          protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) ->
                statement.setObject(position, value.atOffset(ZoneOffset.UTC));
          }
        });
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    // A Timestamp is an instant; both drivers build it without the zone rules that
    // getObject(OffsetDateTime) looks up for every value, which dominated wide listings.
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  /** Keeps what both databases store: microseconds. */
  static Instant micros(Instant at) {
    return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  static boolean isUniqueViolation(Throwable e) {
    return "23505".equals(sqlState(e));
  }

  /** A foreign key whose parent row is missing (H2: 23506, PostgreSQL: 23503). */
  static boolean isForeignKeyViolation(Throwable e) {
    String state = sqlState(e);
    return "23503".equals(state) || "23506".equals(state);
  }

  static boolean isTooLong(Throwable e) {
    return "22001".equals(sqlState(e));
  }

  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /** Turns a value-too-long error that slipped past the checks into a typed error. */
  static RuntimeException translate(RuntimeException e) {
    if (isTooLong(e)) {
      return new InvalidInputException("a value is longer than the database allows", Map.of());
    }
    return e;
  }

  /**
   * Runs {@code work} in one transaction; a value too long for its column becomes an {@link
   * InvalidInputException}.
   */
  static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
    return inTransaction(jdbi, work, null);
  }

  /**
   * As {@link #inTransaction(Jdbi, HandleCallback)} for a write that a unique key may refuse: then
   * {@code taken} is thrown. Null when no unique key is at stake.
   */
  static <T> T inTransaction(
      Jdbi jdbi, HandleCallback<T, RuntimeException> work, Supplier<ConflictException> taken) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      if (taken != null && isUniqueViolation(e)) {
        throw taken.get();
      }
      throw translate(e);
    }
  }

  /**
   * Runs an insert that a unique key may refuse: true when it wrote its row, false when the key
   * holds another row already (a duplicate, or a contender that inserted first). Other errors go
   * through.
   */
  static boolean insertUnlessTaken(Jdbi jdbi, HandleConsumer<RuntimeException> insert) {
    try {
      jdbi.useHandle(insert);
      return true;
    } catch (JdbiException e) {
      if (isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Writes a row a unique key guards: {@code update} moves the row when its condition holds, else
   * {@code insert} creates it unless another writer holds the key (the row exists and the condition
   * did not hold, or a contender inserted first). True when this call wrote.
   */
  static boolean updateOrInsert(
      Jdbi jdbi,
      HandleCallback<Integer, RuntimeException> update,
      HandleConsumer<RuntimeException> insert) {
    return jdbi.withHandle(update) > 0 || insertUnlessTaken(jdbi, insert);
  }

  /** The rows a write touched, or a {@link NotFoundException} of {@code kind} when none. */
  static int requireFound(int rows, String kind, String name) {
    if (rows == 0) {
      throw new NotFoundException(kind, name);
    }
    return rows;
  }

  /**
   * Deletes the rows of {@code table} whose {@code column} is before {@code cutoff}, as retention
   * does; returns how many. Both names are this module's constants, never input.
   */
  static int deleteBefore(Jdbi jdbi, String table, String column, Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate("DELETE FROM " + table + " WHERE " + column + " < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }

  static long environmentId(Handle h, String name) {
    return id(h, "environments", "environment", name);
  }

  static long sourceId(Handle h, String name) {
    return id(h, "sources", "source", name);
  }

  /**
   * The id of the row of {@code table} with that name; a {@link NotFoundException} of {@code kind}
   * when there is none. The table is one of this class's constants, never input.
   */
  private static long id(Handle h, String table, String kind, String name) {
    return h.createQuery("SELECT id FROM " + table + " WHERE name = :name")
        .bind("name", name)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException(kind, name));
  }

  static long cursorId(String cursor) {
    return Page.cursorId(cursor);
  }

  /** Escapes LIKE wildcards so a prefix matches literally. */
  static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
