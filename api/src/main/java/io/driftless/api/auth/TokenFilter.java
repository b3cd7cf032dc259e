package io.driftless.api.auth;

import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.TokenRole;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates the Bearer token of one resource method and checks its role. The token is read from
 * the Authorization header only, never from the URL; a missing or unknown token is 401, a role too
 * small 403.
 */
final class TokenFilter implements ContainerRequestFilter {
  private static final String BEARER = "bearer ";

  private final TokenStore tokens;
  private final TokenRole required;

  /**
   * @param required the smallest role allowed; null for a method nobody may call
   */
  TokenFilter(TokenStore tokens, TokenRole required) {
    this.tokens = tokens;
    this.required = required;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw unauthorized();
    }
    String presented = header.substring(BEARER.length()).trim();
    Optional<ApiToken> token = tokens.authenticate(presented);
    if (token.isEmpty()) {
      throw unauthorized();
    }
    request.setProperty(TokenAuthFeature.TOKEN_HASH, TokenStore.hash(presented));
    Caller caller = new Caller(token.get().name(), token.get().role());
    if (required == null || !caller.role().allows(required)) {
      throw new ForbiddenException(
          "token '"
              + caller.name()
              + "' has role "
              + caller.role().name().toLowerCase(Locale.ROOT)
              + (required == null
                  ? "; nobody may call this"
                  : "; this needs " + required.name().toLowerCase(Locale.ROOT)));
    }
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return caller;
          }

          @Override
          public boolean isUserInRole(String role) {
            return caller.role().allows(TokenRole.valueOf(role.toUpperCase(Locale.ROOT)));
          }

          @Override
          public boolean isSecure() {
            return secure;
          }

          @Override
          public String getAuthenticationScheme() {
            return "Bearer";
          }
        });
  }

  private static NotAuthorizedException unauthorized() {
    return new NotAuthorizedException("Bearer realm=\"driftless\"");
  }
}
