package io.driftless.storage.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.CredentialView;
import io.driftless.storage.crypto.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Named credentials. The secret parts are one ciphertext bound to the credential's name; only
 * {@link #find} decrypts it. Sources point at the credentials they use by a foreign key, so the
 * database refuses to remove one in use.
 */
public final class CredentialRepository implements CredentialStore {
  static final int MAX_SECRET = 65_536;

  private static final String VIEW_COLUMNS =
      "c.id, c.name, c.type, c.username, c.public_keys, c.origins, c.created_by, c.created_at,"
          + " c.updated_at";

  private final Jdbi jdbi;
  private final SecretCipher cipher;
  private final Clock clock;

  public CredentialRepository(Jdbi jdbi, SecretCipher cipher, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.cipher = Objects.requireNonNull(cipher);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public CredentialView add(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys,
      String createdBy) {
    Map<String, Object> columns = columns(name, credential, publicKeys);
    columns.put("origins", origins(origins));
    return Sql.inTransaction(
        jdbi,
        h -> {
          h.createUpdate(
                  "INSERT INTO credentials (name, type, username, public_keys, origins, secret,"
                      + " created_by, created_at, updated_at) VALUES (:name, :type, :username,"
                      + " :publicKeys, :origins, :secret, :createdBy, :now, :now)")
              .bindMap(columns)
              .bind("createdBy", InvalidInputException.checkLength("createdBy", createdBy, 255))
              .execute();
          return view(h, name).orElseThrow();
        },
        () ->
            new ConflictException(
                "a credential named '" + name + "' already exists",
                Map.of("credential", name.value(), "field", "name")));
  }

  @Override
  public CredentialView replace(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys) {
    Map<String, Object> columns = columns(name, credential, publicKeys);
    return Sql.inTransaction(
        jdbi,
        h -> {
          String type = lockedType(h, name);
          if (!type.equals(credential.type())) {
            throw CredentialStore.typeChanged(name, type, credential.type());
          }
          h.createUpdate(
                  "UPDATE credentials SET username = :username, public_keys = :publicKeys, secret"
                      + " = :secret, updated_at = :now WHERE name = :name")
              .bindMap(columns)
              .execute();
          if (origins != null) {
            writeOrigins(h, name, credential.type(), origins);
          }
          return view(h, name).orElseThrow();
        });
  }

  @Override
  public CredentialView setOrigins(CredentialName name, CredentialOrigins origins) {
    return Sql.inTransaction(
        jdbi,
        h -> {
          String type = lockedType(h, name);
          writeOrigins(h, name, type, origins);
          h.createUpdate("UPDATE credentials SET updated_at = :now WHERE name = :name")
              .bind("now", Sql.micros(clock.instant()))
              .bind("name", name.value())
              .execute();
          return view(h, name).orElseThrow();
        });
  }

  /** The type of {@code name}, its row locked for the change that follows. */
  private static String lockedType(Handle h, CredentialName name) {
    return h.createQuery("SELECT type FROM credentials WHERE name = :name FOR UPDATE")
        .bind("name", name.value())
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> new NotFoundException("credential", name.value()));
  }

  @Override
  public CredentialOrigins origins(CredentialName name) {
    return jdbi.withHandle(h -> origins(h, name));
  }

  /**
   * Where the credential may be sent, read on {@code h}: for a source's check in its transaction.
   */
  CredentialOrigins origins(Handle h, CredentialName name) {
    return h.createQuery("SELECT origins FROM credentials WHERE name = :name")
        .bind("name", name.value())
        .map((rs, ctx) -> origins(rs.getString("origins")))
        .findOne()
        .orElse(CredentialOrigins.none());
  }

  /** Stores new origins after checking that every source using the credential stays within. */
  private static void writeOrigins(
      Handle h, CredentialName name, String type, CredentialOrigins origins) {
    Map<String, String> users = new java.util.LinkedHashMap<>();
    h.createQuery(
            "SELECT s.name, s.url FROM sources s JOIN credentials c ON c.id IN"
                + " (s.auth_credential_id, s.write_auth_credential_id) WHERE c.name = :name"
                + " ORDER BY s.name")
        .bind("name", name.value())
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> users.put(e.getKey(), e.getValue()));
    CredentialStore.checkUsers(name, type, origins, users);
    h.createUpdate("UPDATE credentials SET origins = :origins WHERE name = :name")
        .bind("origins", origins(origins))
        .bind("name", name.value())
        .execute();
  }

  private static String origins(CredentialOrigins origins) {
    if (origins.isEmpty()) {
      return null;
    }
    ArrayNode values = Json.MAPPER.createArrayNode();
    origins.values().forEach(values::add);
    return Json.write(values);
  }

  private static CredentialOrigins origins(String column) {
    return column == null
        ? CredentialOrigins.none()
        : CredentialOrigins.parse("origins", Json.strings(Json.read(column)));
  }

  @Override
  public Optional<CredentialView> view(CredentialName name) {
    return jdbi.withHandle(h -> view(h, name));
  }

  @Override
  public List<CredentialView> list() {
    return jdbi.withHandle(
        h -> {
          List<Row> rows =
              h.createQuery("SELECT " + VIEW_COLUMNS + " FROM credentials c ORDER BY c.name")
                  .map((rs, ctx) -> row(rs))
                  .list();
          return rows.stream().map(r -> r.view(usedBy(h, r.id()).all())).toList();
        });
  }

  @Override
  public Optional<Credential> find(CredentialName name) {
    return jdbi.withHandle(h -> find(h, name));
  }

  /** The credential with its secret, read on {@code h}: for a source's check in its transaction. */
  Optional<Credential> find(Handle h, CredentialName name) {
    return h.createQuery("SELECT type, username, secret FROM credentials WHERE name = :name")
        .bind("name", name.value())
        .map(
            (rs, ctx) ->
                credential(
                    rs.getString("type"),
                    rs.getString("username"),
                    Json.read(cipher.decrypt(rs.getString("secret"), purpose(name)))))
        .findOne();
  }

  @Override
  public void remove(CredentialName name) {
    try {
      jdbi.useTransaction(
          h -> {
            Row row =
                h.createQuery("SELECT " + VIEW_COLUMNS + " FROM credentials c WHERE c.name = :name")
                    .bind("name", name.value())
                    .map((rs, ctx) -> row(rs))
                    .findOne()
                    .orElseThrow(() -> new NotFoundException("credential", name.value()));
            CredentialStore.Users users = usedBy(h, row.id());
            if (!users.isEmpty()) {
              throw CredentialStore.inUse(name, users);
            }
            h.createUpdate("DELETE FROM credentials WHERE id = :id").bind("id", row.id()).execute();
          });
    } catch (JdbiException e) {
      if (Sql.isForeignKeyViolation(e)) {
        // A source was pointed at it after the check above: the database keeps the reference.
        throw CredentialStore.inUse(
            name,
            jdbi.withHandle(
                h ->
                    h.createQuery("SELECT id FROM credentials WHERE name = :name")
                        .bind("name", name.value())
                        .mapTo(Long.class)
                        .findOne()
                        .map(id -> usedBy(h, id))
                        .orElse(new CredentialStore.Users(List.of(), List.of()))));
      }
      throw Sql.translate(e);
    }
  }

  private Optional<CredentialView> view(Handle h, CredentialName name) {
    return h.createQuery("SELECT " + VIEW_COLUMNS + " FROM credentials c WHERE c.name = :name")
        .bind("name", name.value())
        .map((rs, ctx) -> row(rs))
        .findOne()
        .map(r -> r.view(usedBy(h, r.id()).all()));
  }

  /** The sources and the environments that use the credential. */
  private static CredentialStore.Users usedBy(Handle h, long id) {
    return new CredentialStore.Users(sourcesUsing(h, id), environmentsUsing(h, id));
  }

  /**
   * The sources that authenticate with the credential, or decrypt SOPS files with it (its name in
   * their {@code decryption_json}, checked exactly after a coarse {@code LIKE}).
   */
  private static List<String> sourcesUsing(Handle h, long id) {
    return h
        .createQuery(
            "SELECT s.name, s.auth_credential_id, s.write_auth_credential_id, s.decryption_json,"
                + " c.name AS credential FROM sources s JOIN credentials c ON c.id = :id WHERE"
                + " s.auth_credential_id = :id OR s.write_auth_credential_id = :id OR"
                + " s.decryption_json LIKE '%' || c.name || '%' ORDER BY s.name")
        .bind("id", id)
        .map(
            (rs, ctx) -> {
              boolean auth =
                  rs.getLong("auth_credential_id") == id
                      || rs.getLong("write_auth_credential_id") == id;
              boolean decrypts =
                  Json.decryption(rs.getString("decryption_json"))
                      .identities()
                      .contains(CredentialName.of(rs.getString("credential")));
              return auth || decrypts ? rs.getString("name") : null;
            })
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  /** The environments whose ssh target logs in with the credential. */
  private static List<String> environmentsUsing(Handle h, long id) {
    return h.createQuery(
            "SELECT name FROM environments WHERE target_credential_id = :id ORDER BY name")
        .bind("id", id)
        .mapTo(String.class)
        .list();
  }

  /** A credential's row without its secret and users. */
  private record Row(
      long id,
      CredentialName name,
      String type,
      String username,
      List<String> publicKeys,
      List<String> origins,
      String createdBy,
      Instant createdAt,
      Instant updatedAt) {
    CredentialView view(List<String> usedBy) {
      return new CredentialView(
          name, type, username, publicKeys, origins, usedBy, createdBy, createdAt, updatedAt);
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong("id"),
        CredentialName.of(rs.getString("name")),
        rs.getString("type"),
        rs.getString("username"),
        Json.strings(Json.read(rs.getString("public_keys"))),
        origins(rs.getString("origins")).values(),
        rs.getString("created_by"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private Map<String, Object> columns(
      CredentialName name, Credential credential, List<String> publicKeys) {
    ArrayNode keys = Json.MAPPER.createArrayNode();
    publicKeys.forEach(keys::add);
    String secret = Json.write(secret(credential));
    InvalidInputException.checkLength("secret", secret, MAX_SECRET);
    InvalidInputException.checkLength("username", credential.username(), 255);
    Map<String, Object> columns = new java.util.HashMap<>();
    columns.put("name", name.value());
    columns.put("type", credential.type());
    columns.put("username", credential.username());
    columns.put("publicKeys", Json.write(keys));
    columns.put("secret", cipher.encrypt(secret, purpose(name)));
    columns.put("now", Sql.micros(clock.instant()));
    return columns;
  }

  /** The secret parts as JSON, to be encrypted. */
  private static ObjectNode secret(Credential credential) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    if (credential instanceof Credential.Token t) {
      node.put("token", t.token().reveal());
    } else if (credential instanceof Credential.Basic b) {
      node.put("password", b.password().reveal());
    } else if (credential instanceof Credential.SshKey k) {
      node.put("privateKey", k.privateKey().reveal());
      if (k.passphrase() != null) {
        node.put("passphrase", k.passphrase().reveal());
      }
    } else if (credential instanceof Credential.AgeIdentity a) {
      node.put("identity", a.identity().reveal());
    } else if (credential instanceof Credential.PgpKey p) {
      node.put("privateKey", p.privateKey().reveal());
    }
    return node;
  }

  private static Credential credential(String type, String username, JsonNode secret) {
    return switch (type) {
      case "token" -> new Credential.Token(username, Secret.of(secret.path("token").asText()));
      case "basic" -> new Credential.Basic(username, Secret.of(secret.path("password").asText()));
      case "ssh-key" ->
          new Credential.SshKey(
              Secret.of(secret.path("privateKey").asText()),
              secret.hasNonNull("passphrase")
                  ? Secret.of(secret.get("passphrase").asText())
                  : null);
      case "age-identity" ->
          new Credential.AgeIdentity(Secret.of(secret.path("identity").asText()));
      case "pgp-key" -> new Credential.PgpKey(Secret.of(secret.path("privateKey").asText()));
      default ->
          throw new IllegalStateException("unknown credential type in the database: " + type);
    };
  }

  /** Binds the ciphertext to its credential, so it cannot be moved to another one. */
  private static String purpose(CredentialName name) {
    return "credential/" + name.value();
  }
}
