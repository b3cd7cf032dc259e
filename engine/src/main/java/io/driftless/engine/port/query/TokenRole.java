package io.driftless.engine.port.query;

/** What an API token may do; each role includes the ones before it. */
public enum TokenRole {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean allows(TokenRole required) {
    return compareTo(required) >= 0;
  }
}
