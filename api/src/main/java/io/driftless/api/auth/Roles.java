package io.driftless.api.auth;

/** The role names resource methods declare in {@code @RolesAllowed}. */
public final class Roles {
  public static final String VIEWER = "viewer";
  public static final String OPERATOR = "operator";
  public static final String ADMIN = "admin";

  private Roles() {}
}
