package io.driftless.storage.jdbi;

import io.driftless.storage.ConflictException;
import io.driftless.storage.InvalidInputException;
import io.driftless.storage.NotFoundException;
import io.driftless.storage.model.ApiToken;
import io.driftless.storage.model.IssuedToken;
import io.driftless.storage.model.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * API tokens. A token is 32 random bytes shown once when issued; only its SHA-256 is stored, so a
 * database dump holds no usable token. Lookup is by hash.
 */
public final class ApiTokens {
  /** The prefix makes a leaked token easy to recognise in logs and secret scanners. */
  public static final String PREFIX = "dlt_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern WELL_FORMED =
      Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43,150}");

  /** What a token made outside must look like, and how to make one. */
  public static final String FORMAT =
      "a token must be '"
          + PREFIX
          + "' and at least 43 base64url characters (32 random bytes), e.g. "
          + PREFIX
          + "$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')";

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
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new IssuedToken(token, insert(name, role, token));
  }

  /**
   * Stores a token generated outside (e.g. the admin token an operator keeps in a Kubernetes
   * Secret), in the format {@link #issue} gives: {@value #PREFIX} and at least 32 random bytes in
   * base64url. Only its hash is stored, as for an issued token.
   *
   * @throws InvalidInputException when the token is not in that format; the message never holds it
   */
  public ApiToken register(String name, TokenRole role, String token) {
    if (!wellFormed(token)) {
      throw new InvalidInputException(FORMAT, Map.of("field", "token"));
    }
    return insert(name, role, token);
  }

  /** Whether {@code token} has the format of an issued token (see {@link #register}). */
  public static boolean wellFormed(String token) {
    return token != null && WELL_FORMED.matcher(token).matches();
  }

  private ApiToken insert(String name, TokenRole role, String token) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "token name must be 1 to 63 letters, digits, '.', '_' or '-': " + name,
          Map.of("field", "name"));
    }
    Objects.requireNonNull(role, "role");
    Instant now = Sql.micros(clock.instant());
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO api_tokens (name, token_hash, role, created_at) VALUES (:name,"
                          + " :hash, :role, :now)")
                  .bind("name", name)
                  .bind("hash", hash(token))
                  .bind("role", role.name())
                  .bind("now", now)
                  .execute());
    } catch (JdbiException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new ConflictException(
            "a token named '" + name + "' already exists", Map.of("token", name, "field", "name"));
      }
      throw e;
    }
    return new ApiToken(name, role, now, null);
  }

  /** The token's record when {@code token} is a current token; records when it was used. */
  public Optional<ApiToken> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = hash(token);
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
   * Which of {@code hashes} (see {@link #hash}) still belong to a token: the others were revoked.
   * Lets a long-lived session, such as an event stream, check its token again without the token.
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
    int deleted =
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM api_tokens WHERE name = :name")
                    .bind("name", name)
                    .execute());
    if (deleted == 0) {
      throw new NotFoundException("token", name);
    }
  }

  /** SHA-256 of the token, hex: a random 256-bit token needs no salt or slow hash. */
  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static ApiToken token(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getString("name"),
        TokenRole.valueOf(rs.getString("role")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"));
  }
}
