package io.driftless.engine.port.query;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored API token: its name and role, never the token itself (only its SHA-256 is stored).
 *
 * @param lastUsedAt null when never used
 */
public record ApiToken(String name, TokenRole role, Instant createdAt, Instant lastUsedAt) {
  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
