package io.driftless.api.model;

import io.driftless.engine.port.query.ApiToken;
import java.time.Instant;

/** A token's record; never the token itself. */
public record TokenResponse(String name, String role, Instant createdAt, Instant lastUsedAt) {
  public static TokenResponse from(ApiToken token) {
    return new TokenResponse(
        token.name(), Fields.lower(token.role()), token.createdAt(), token.lastUsedAt());
  }
}
