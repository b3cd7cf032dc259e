package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.IssuedTokenResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.TokenRequest;
import io.driftless.api.model.TokenResponse;
import io.driftless.api.service.TokenRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/tokens}: admin only; a token's value is in the create response and nowhere else.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public final class TokensResource {
  private final TokenRegistry tokens;

  public TokensResource(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  @POST
  public Response issue(@Context SecurityContext security, TokenRequest request) {
    IssuedTokenResponse issued = tokens.issue(Params.caller(security), Params.body(request));
    return Created.at("/api/v1/tokens", issued.name(), issued);
  }

  @GET
  public ItemPage<TokenResponse> list() {
    return new ItemPage<>(tokens.list(), null);
  }

  @DELETE
  @Path("{name}")
  public Response revoke(@Context SecurityContext security, @PathParam("name") String name) {
    tokens.revoke(Params.caller(security), name);
    return Response.noContent().build();
  }
}
