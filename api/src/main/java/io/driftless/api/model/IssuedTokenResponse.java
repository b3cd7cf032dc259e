package io.driftless.api.model;

import io.driftless.engine.port.query.IssuedToken;
import java.time.Instant;

/** A token just created: the only response that ever carries its value. */
public record IssuedTokenResponse(String name, String role, String token, Instant createdAt) {
  public static IssuedTokenResponse from(IssuedToken issued) {
    return new IssuedTokenResponse(
        issued.info().name(),
        Fields.lower(issued.info().role()),
        issued.token(),
        issued.info().createdAt());
  }

  @Override
  public String toString() {
    return "IssuedTokenResponse[name=" + name + ", role=" + role + ", token=****]";
  }
}
