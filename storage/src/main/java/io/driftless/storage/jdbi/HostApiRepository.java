package io.driftless.storage.jdbi;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.HostApis;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.HostApiView;
import io.driftless.storage.crypto.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The Git host API of each source. The token is encrypted before it reaches the database, bound to
 * its source; only {@link #find} decrypts it (for the host calls), {@link #view} leaves it out.
 */
public final class HostApiRepository implements HostApis {
  static final int MAX_TOKEN = 4096;

  private final Jdbi jdbi;
  private final SecretCipher cipher;
  private final Clock clock;

  public HostApiRepository(Jdbi jdbi, SecretCipher cipher, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.cipher = Objects.requireNonNull(cipher);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Sets or replaces the source's host API; an unknown source is a NotFoundException. */
  public HostApiView set(SourceName source, HostApi api) {
    InvalidInputException.checkLength("type", api.type(), 16);
    InvalidInputException.checkLength("url", api.baseUrl(), SourceRepository.MAX_URL);
    InvalidInputException.checkLength("repository", api.repository(), 512);
    InvalidInputException.checkLength("token", api.token().reveal(), MAX_TOKEN);
    Instant now = Sql.micros(clock.instant());
    String token = cipher.encrypt(api.token().reveal(), purpose(source));
    Map<String, Object> columns =
        Map.of(
            "type", api.type(),
            "url", api.baseUrl(),
            "repository", api.repository(),
            "token", token,
            "now", now);
    try {
      jdbi.useTransaction(
          h -> {
            long id = Sql.sourceId(h, source.value());
            int updated =
                h.createUpdate(
                        "UPDATE source_host_apis SET type = :type, base_url = :url, repository ="
                            + " :repository, token = :token, updated_at = :now WHERE source_id ="
                            + " :id")
                    .bindMap(columns)
                    .bind("id", id)
                    .execute();
            if (updated == 0) {
              h.createUpdate(
                      "INSERT INTO source_host_apis (source_id, type, base_url, repository, token,"
                          + " updated_at) VALUES (:id, :type, :url, :repository, :token, :now)")
                  .bindMap(columns)
                  .bind("id", id)
                  .execute();
            }
          });
    } catch (JdbiException e) {
      throw Sql.translate(e);
    }
    return view(source).orElseThrow();
  }

  /** The host API without its token; empty when the source has none (or does not exist). */
  public Optional<HostApiView> view(SourceName source) {
    return select(
        "a.type, a.base_url, a.repository, a.updated_at",
        source,
        (rs, ctx) ->
            new HostApiView(
                rs.getString("type"),
                rs.getString("base_url"),
                rs.getString("repository"),
                Sql.instant(rs, "updated_at")));
  }

  /** The host API with its token decrypted: for the host calls only. */
  public Optional<HostApi> find(SourceName source) {
    return select(
        "a.type, a.base_url, a.repository, a.token",
        source,
        (rs, ctx) ->
            new HostApi(
                rs.getString("type"),
                rs.getString("base_url"),
                rs.getString("repository"),
                Secret.of(cipher.decrypt(rs.getString("token"), purpose(source)))));
  }

  /** The source's host API row, as {@code columns} of it ({@code a}) read by {@code row}. */
  private <T> Optional<T> select(String columns, SourceName source, RowMapper<T> row) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + columns
                        + " FROM source_host_apis a JOIN sources s ON s.id = a.source_id"
                        + " WHERE s.name = :name")
                .bind("name", source.value())
                .map(row)
                .findOne());
  }

  /** Removes the source's host API; false when it had none. */
  public boolean remove(SourceName source) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM source_host_apis WHERE source_id IN (SELECT id FROM sources"
                            + " WHERE name = :name)")
                    .bind("name", source.value())
                    .execute())
        > 0;
  }

  private static String purpose(SourceName source) {
    return "source/" + source.value() + "/host-token";
  }
}
