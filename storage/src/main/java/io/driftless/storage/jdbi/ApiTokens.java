package io.driftless.storage.jdbi;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens. A token is 32 random bytes shown once when issued; only its SHA-256 is stored, so a
 * database dump holds no usable token. Lookup is by hash.
 */
public final class ApiTokens implements TokenStore {
  /** Last-used times are written at most this often, so reads do not each cost a write. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** Hashes checked by one statement of {@link #current}. */
  private static final int CHECK_BATCH = 500;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Creates a token; its value is in the result and nowhere else. */
  public IssuedToken issue(String name, TokenRole role) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = TokenStore.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new IssuedToken(token, insert(name, role, token));
  }

  /**
   * Stores a token generated outside (e.g. the admin token an operator keeps in a Kubernetes
   * Secret), in the format {@link #issue} gives: {@value TokenStore#PREFIX} and at least 32 random
   * bytes in base64url. Only its hash is stored, as for an issued token.
   *
   * @throws InvalidInputException when the token is not in that format; the message never holds it
   */
  public ApiToken register(String name, TokenRole role, String token) {
    if (!TokenStore.wellFormed(token)) {
      throw new InvalidInputException(TokenStore.FORMAT, Map.of("field", "token"));
    }
    return insert(name, role, token);
  }

  private ApiToken insert(String name, TokenRole role, String token) {
    TokenStore.checkName(name);
    Objects.requireNonNull(role, "role");
    Instant now = Sql.micros(clock.instant());
    boolean inserted =
        Sql.insertUnlessTaken(
            jdbi,
            h ->
                h.createUpdate(
                        "INSERT INTO api_tokens (name, token_hash, role, created_at) VALUES"
                            + " (:name, :hash, :role, :now)")
                    .bind("name", name)
                    .bind("hash", TokenStore.hash(token))
                    .bind("role", role.name())
                    .bind("now", now)
                    .execute());
    if (!inserted) {
      throw new ConflictException(
          "a token named '" + name + "' already exists", Map.of("token", name, "field", "name"));
    }
    return new ApiToken(name, role, now, null);
  }

  /** The token's record when {@code token} is a current token; records when it was used. */
  public Optional<ApiToken> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = TokenStore.hash(token);
    Instant now = Sql.micros(clock.instant());
    return jdbi.withHandle(
        h -> {
          Optional<ApiToken> found =
              h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :hash")
                  .bind("hash", hash)
                  .map((rs, ctx) -> token(rs))
                  .findOne();
          found
              .filter(t -> t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now))
              .ifPresent(
                  t ->
                      h.createUpdate(
                              "UPDATE api_tokens SET last_used_at = :now WHERE token_hash ="
                                  + " :hash")
                          .bind("now", now)
                          .bind("hash", hash)
                          .execute());
          return found;
        });
  }

  /**
   * Which of {@code hashes} (see {@link TokenStore#hash}) still belong to a token: the others were
   * revoked. Lets a long-lived session, such as an event stream, check its token again without the
   * token.
   */
  public Set<String> current(Collection<String> hashes) {
    if (hashes.isEmpty()) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    List<String> all = List.copyOf(hashes);
    for (int i = 0; i < all.size(); i += CHECK_BATCH) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + CHECK_BATCH));
      found.addAll(
          jdbi.withHandle(
              h ->
                  h.createQuery("SELECT token_hash FROM api_tokens WHERE token_hash IN (<hashes>)")
                      .bindList("hashes", batch)
                      .mapTo(String.class)
                      .list()));
    }
    return found;
  }

  public List<ApiToken> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM api_tokens ORDER BY name")
                .map((rs, ctx) -> token(rs))
                .list());
  }

  public void revoke(String name) {
    Sql.requireFound(
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM api_tokens WHERE name = :name")
                    .bind("name", name)
                    .execute()),
        "token",
        name);
  }

  private static ApiToken token(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getString("name"),
        TokenRole.valueOf(rs.getString("role")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"));
  }
}
