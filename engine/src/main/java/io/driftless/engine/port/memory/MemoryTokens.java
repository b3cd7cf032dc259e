package io.driftless.engine.port.memory;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API tokens in memory, kept by hash as the database keeps them. */
public final class MemoryTokens implements TokenStore {
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, ApiToken> byHash = new HashMap<>();

  public MemoryTokens(Clock clock) {
    this.clock = clock;
  }

  @Override
  public IssuedToken issue(String name, TokenRole role) {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return new IssuedToken(token, insert(name, role, token));
  }

  @Override
  public ApiToken register(String name, TokenRole role, String token) {
    if (!TokenStore.wellFormed(token)) {
      throw new InvalidInputException(FORMAT, Map.of("field", "token"));
    }
    return insert(name, role, token);
  }

  private synchronized ApiToken insert(String name, TokenRole role, String token) {
    TokenStore.checkName(name);
    Objects.requireNonNull(role, "role");
    String hash = TokenStore.hash(token);
    if (byHash.values().stream().anyMatch(t -> t.name().equals(name)) || byHash.containsKey(hash)) {
      throw new ConflictException(
          "a token named '" + name + "' already exists", Map.of("token", name, "field", "name"));
    }
    ApiToken created = new ApiToken(name, role, now(), null);
    byHash.put(hash, created);
    return created;
  }

  @Override
  public synchronized Optional<ApiToken> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    String hash = TokenStore.hash(token);
    ApiToken found = byHash.get(hash);
    if (found == null) {
      return Optional.empty();
    }
    Instant now = now();
    if (found.lastUsedAt() == null || found.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
      byHash.put(hash, new ApiToken(found.name(), found.role(), found.createdAt(), now));
    }
    return Optional.of(found);
  }

  @Override
  public synchronized Set<String> current(Collection<String> hashes) {
    return hashes.stream().filter(byHash::containsKey).collect(Collectors.toSet());
  }

  @Override
  public synchronized List<ApiToken> list() {
    return byHash.values().stream().sorted(Comparator.comparing(ApiToken::name)).toList();
  }

  @Override
  public synchronized void revoke(String name) {
    if (!byHash.values().removeIf(t -> t.name().equals(name))) {
      throw new NotFoundException("token", name);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
