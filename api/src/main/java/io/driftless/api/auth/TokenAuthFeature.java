package io.driftless.api.auth;

import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.TokenRole;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Puts a {@link TokenFilter} in front of every resource method. It fails closed: a method with
 * neither {@code @RolesAllowed} nor {@code @PermitAll} (on it or its class) answers 403 to every
 * token.
 */
public final class TokenAuthFeature implements DynamicFeature {
  /**
   * The request property holding the SHA-256 of the caller's token (never the token), for a
   * long-lived response such as the event stream to check later that the token was not revoked.
   */
  public static final String TOKEN_HASH = "io.driftless.api.auth.tokenHash";

  private final TokenStore tokens;

  public TokenAuthFeature(TokenStore tokens) {
    this.tokens = tokens;
  }

  @Override
  public void configure(ResourceInfo info, FeatureContext context) {
    Method method = info.getResourceMethod();
    if (method.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    context.register(
        new TokenFilter(tokens, requiredRole(method, info.getResourceClass())),
        Priorities.AUTHENTICATION);
  }

  /** The smallest role that may call {@code method}; null when none may. */
  public static TokenRole requiredRole(Method method, Class<?> resource) {
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = resource.getAnnotation(RolesAllowed.class);
    }
    if (roles == null || roles.value().length == 0) {
      return null;
    }
    TokenRole smallest = null;
    for (String role : roles.value()) {
      TokenRole r = TokenRole.valueOf(role.toUpperCase(Locale.ROOT));
      smallest = smallest == null || r.compareTo(smallest) < 0 ? r : smallest;
    }
    return smallest;
  }
}
