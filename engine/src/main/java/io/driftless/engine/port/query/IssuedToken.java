package io.driftless.engine.port.query;

import java.util.Objects;

/** A token just created: the only time its value is known. */
public record IssuedToken(String token, ApiToken info) {
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(info, "info");
  }

  @Override
  public String toString() {
    return "IssuedToken[token=****, info=" + info + "]";
  }
}
