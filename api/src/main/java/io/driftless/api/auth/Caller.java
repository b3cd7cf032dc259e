package io.driftless.api.auth;

import io.driftless.engine.port.query.TokenRole;
import java.security.Principal;
import java.util.Objects;

/** Who is calling: the token's name (the actor in the audit log) and its role. */
public record Caller(String name, TokenRole role) implements Principal {
  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  @Override
  public String getName() {
    return name;
  }
}
