package io.driftless.api.model;

import io.driftless.engine.port.query.TokenRole;

/** {@code POST /api/v1/tokens}: a named token with one role. */
public record TokenRequest(String name, String role) {
  public TokenRequest {
    Fields.required("name", name);
    Fields.required("role", role);
  }

  public TokenRole toRole() {
    return Fields.enumValue("role", TokenRole.class, role);
  }
}
