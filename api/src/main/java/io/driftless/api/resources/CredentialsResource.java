package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.CredentialOriginsBody;
import io.driftless.api.model.CredentialRequest;
import io.driftless.api.model.CredentialResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.service.CredentialRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/credentials}: admin only. A credential's secret goes in and never comes out; reads
 * show its type, user and public parts.
 */
@Path("/api/v1/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public final class CredentialsResource {
  private final CredentialRegistry credentials;

  public CredentialsResource(CredentialRegistry credentials) {
    this.credentials = credentials;
  }

  @POST
  public Response add(@Context SecurityContext security, CredentialRequest request) {
    CredentialResponse added = credentials.add(Params.caller(security), Params.body(request));
    return Created.at("/api/v1/credentials", added.name(), added);
  }

  @GET
  public ItemPage<CredentialResponse> list() {
    return new ItemPage<>(credentials.list(), null);
  }

  @GET
  @Path("{name}")
  public CredentialResponse get(@PathParam("name") String name) {
    return credentials.get(name);
  }

  @PUT
  @Path("{name}")
  public CredentialResponse replace(
      @Context SecurityContext security,
      @PathParam("name") String name,
      CredentialRequest request) {
    return credentials.replace(Params.caller(security), name, Params.body(request));
  }

  @PUT
  @Path("{name}/origins")
  public CredentialResponse setOrigins(
      @Context SecurityContext security,
      @PathParam("name") String name,
      CredentialOriginsBody body) {
    return credentials.setOrigins(Params.caller(security), name, Params.body(body));
  }

  @DELETE
  @Path("{name}")
  public Response remove(@Context SecurityContext security, @PathParam("name") String name) {
    credentials.remove(Params.caller(security), name);
    return Response.noContent().build();
  }
}
