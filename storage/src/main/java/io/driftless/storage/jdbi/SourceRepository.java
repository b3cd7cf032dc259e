package io.driftless.storage.jdbi;

import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.SourceView;
import io.driftless.storage.crypto.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registered sources. Credentials and webhook secrets are encrypted before they reach the database;
 * only {@link #find} (for the engine and webhook signature checks) decrypts them, and every
 * API-facing read returns a {@link SourceView} without them.
 */
public final class SourceRepository implements SourceCatalog {
  static final int MAX_URL = 2048;
  static final int MAX_WEBHOOK_SECRET = 1024;

  private static final String VIEW_COLUMNS =
      "name, url, auth_type, write_auth_type, webhook_secret IS NOT NULL AS has_webhook_secret,"
          + " verify_json, fork_previews, decryption_json, created_at, updated_at, (SELECT c.name FROM credentials"
          + " c WHERE c.id = auth_credential_id) AS auth_credential, (SELECT c.name FROM"
          + " credentials c WHERE c.id = write_auth_credential_id) AS write_auth_credential";

  private final Jdbi jdbi;
  private final SecretCipher cipher;
  private final CredentialRepository credentials;
  private final Clock clock;

  /** {@code credentials} holds the named credentials a source may authenticate with. */
  public SourceRepository(
      Jdbi jdbi, SecretCipher cipher, CredentialRepository credentials, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.cipher = Objects.requireNonNull(cipher);
    this.credentials = Objects.requireNonNull(credentials);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Registers a source; a taken name is a {@link ConflictException}. */
  public SourceView register(Source source) {
    return save(
        source,
        "INSERT INTO sources (name, url, auth_type, auth_secret, write_auth_type,"
            + " write_auth_secret, webhook_secret, verify_json, fork_previews, decryption_json,"
            + " created_at, updated_at, auth_credential_id, write_auth_credential_id) VALUES"
            + " (:name, :url, :authType, :auth, :writeAuthType, :writeAuth, :webhook, :verify,"
            + " :forkPreviews, :decryption, :now, :now, :authCredentialId,"
            + " :writeAuthCredentialId)",
        () -> duplicate(source.name()));
  }

  /** Replaces a source's settings, credentials included. */
  public SourceView update(Source source) {
    return save(
        source,
        "UPDATE sources SET url = :url, auth_type = :authType, auth_secret = :auth,"
            + " write_auth_type = :writeAuthType, write_auth_secret = :writeAuth, webhook_secret ="
            + " :webhook, verify_json = :verify, fork_previews = :forkPreviews, decryption_json ="
            + " :decryption, updated_at = :now,"
            + " auth_credential_id ="
            + " :authCredentialId, write_auth_credential_id = :writeAuthCredentialId WHERE name ="
            + " :name",
        null);
  }

  /**
   * Writes the source's columns with {@code sql}: no row written is a {@link NotFoundException}, a
   * taken name {@code taken} (null where the statement cannot take one).
   */
  private SourceView save(Source source, String sql, Supplier<ConflictException> taken) {
    check(source);
    Instant now = Sql.micros(clock.instant());
    return Sql.inTransaction(
        jdbi,
        h -> {
          Sql.requireFound(
              h.createUpdate(sql)
                  .bindMap(columns(source))
                  .bindMap(credentialIds(h, source))
                  .bind("now", now)
                  .execute(),
              "source",
              source.name().value());
          return view(h, source.name()).orElseThrow();
        },
        taken);
  }

  /** Removes a source; refused with {@link ConflictException} while environments use it. */
  public void delete(SourceName name) {
    jdbi.useTransaction(
        h -> {
          long id = Sql.sourceId(h, name.value());
          List<String> users =
              h.createQuery(
                      "SELECT name FROM environments WHERE source_id = :id ORDER BY name LIMIT 10")
                  .bind("id", id)
                  .mapTo(String.class)
                  .list();
          if (!users.isEmpty()) {
            throw new ConflictException(
                "source '" + name + "' is used by environments: " + String.join(", ", users),
                Map.of("source", name.value(), "environments", String.join(",", users)));
          }
          h.createUpdate("DELETE FROM sources WHERE id = :id").bind("id", id).execute();
        });
  }

  public Optional<SourceView> view(SourceName name) {
    return jdbi.withHandle(h -> view(h, name));
  }

  public List<SourceView> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + VIEW_COLUMNS + " FROM sources ORDER BY name")
                .map((rs, ctx) -> view(rs))
                .list());
  }

  /** The source with its credentials decrypted: for the engine and webhook checks only. */
  @Override
  public Optional<Source> find(SourceName name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT name, url, auth_secret, write_auth_type, write_auth_secret,"
                        + " webhook_secret, verify_json, fork_previews, decryption_json FROM"
                        + " sources WHERE name ="
                        + " :name")
                .bind("name", name.value())
                .map((rs, ctx) -> source(rs))
                .findOne());
  }

  private Optional<SourceView> view(Handle h, SourceName name) {
    return h.createQuery("SELECT " + VIEW_COLUMNS + " FROM sources WHERE name = :name")
        .bind("name", name.value())
        .map((rs, ctx) -> view(rs))
        .findOne();
  }

  private static SourceView view(ResultSet rs) throws SQLException {
    return new SourceView(
        SourceName.of(rs.getString("name")),
        rs.getString("url"),
        rs.getString("auth_type"),
        rs.getString("write_auth_type"),
        rs.getString("auth_credential"),
        rs.getString("write_auth_credential"),
        rs.getBoolean("has_webhook_secret"),
        Json.verify(rs.getString("verify_json")),
        ForkPreviews.parse(rs.getString("fork_previews")),
        Json.decryption(rs.getString("decryption_json")).identities().stream()
            .map(CredentialName::value)
            .toList(),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private Source source(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String auth = rs.getString("auth_secret");
    String writeAuth = rs.getString("write_auth_secret");
    String webhook = rs.getString("webhook_secret");
    return new Source(
        SourceName.of(name),
        rs.getString("url"),
        auth == null ? GitAuth.none() : Json.auth(cipher.decrypt(auth, purpose(name, "auth"))),
        rs.getString("write_auth_type") == null
            ? null
            : writeAuth == null
                ? GitAuth.none()
                : Json.auth(cipher.decrypt(writeAuth, purpose(name, "write-auth"))),
        webhook == null ? null : Secret.of(cipher.decrypt(webhook, purpose(name, "webhook"))),
        Json.verify(rs.getString("verify_json")),
        ForkPreviews.parse(rs.getString("fork_previews")),
        Json.decryption(rs.getString("decryption_json")));
  }

  private Map<String, Object> columns(Source source) {
    String name = source.name().value();
    String auth = Json.auth(source.auth());
    String writeAuth = source.writeAuth() == null ? null : Json.auth(source.writeAuth());
    Map<String, Object> columns = new java.util.HashMap<>();
    columns.put("name", name);
    columns.put("url", source.url());
    columns.put("authType", Json.authType(source.auth()));
    columns.put("auth", auth == null ? null : cipher.encrypt(auth, purpose(name, "auth")));
    columns.put(
        "writeAuthType", source.writeAuth() == null ? null : Json.authType(source.writeAuth()));
    columns.put(
        "writeAuth",
        writeAuth == null ? null : cipher.encrypt(writeAuth, purpose(name, "write-auth")));
    columns.put(
        "webhook",
        source.webhookSecret() == null
            ? null
            : cipher.encrypt(source.webhookSecret().reveal(), purpose(name, "webhook")));
    columns.put("verify", Json.verify(source.verify()));
    columns.put("forkPreviews", source.forkPreviews().lower());
    columns.put("decryption", Json.decryption(source.decryption()));
    return columns;
  }

  /**
   * The ids of the named credentials the source authenticates with, checked in the transaction that
   * stores the source: each must exist, be able to authenticate to Git and be allowed to the
   * source's URL.
   */
  private Map<String, Object> credentialIds(Handle h, Source source) {
    CredentialStore.checkReferences(
        source, n -> credentials.find(h, n), n -> credentials.origins(h, n));
    Map<String, Object> ids = new java.util.HashMap<>();
    ids.put("authCredentialId", credentialId(h, source.auth()));
    ids.put("writeAuthCredentialId", credentialId(h, source.writeAuth()));
    return ids;
  }

  private static Long credentialId(Handle h, GitAuth auth) {
    if (!(auth instanceof GitAuth.Named named)) {
      return null;
    }
    return h.createQuery("SELECT id FROM credentials WHERE name = :name")
        .bind("name", named.credential().value())
        .mapTo(Long.class)
        .one();
  }

  /** Binds a ciphertext to its source and column, so it cannot be moved to another one. */
  private static String purpose(String source, String column) {
    return "source/" + source + "/" + column;
  }

  private static void check(Source source) {
    InvalidInputException.checkLength("url", source.url(), MAX_URL);
    if (source.webhookSecret() != null) {
      InvalidInputException.checkLength(
          "webhookSecret", source.webhookSecret().reveal(), MAX_WEBHOOK_SECRET);
    }
  }

  private static ConflictException duplicate(SourceName name) {
    return new ConflictException(
        "a source named '" + name + "' already exists",
        Map.of("source", name.value(), "field", "name"));
  }
}
