package io.driftless.api.preview;

import io.driftless.api.auth.Caller;
import io.driftless.api.auth.Roles;
import io.driftless.api.model.HostApiRequest;
import io.driftless.api.model.HostApiResponse;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/sources/{name}/host}: the Git host API a source reports pull-request previews to.
 * The token goes in and never comes out.
 */
@Path("/api/v1/sources/{name}/host")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SourceHostResource {
  private final SourceHostApis hostApis;

  public SourceHostResource(SourceHostApis hostApis) {
    this.hostApis = hostApis;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public HostApiResponse get(@PathParam("name") String name) {
    return hostApis.get(source(name));
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  public HostApiResponse set(
      @Context SecurityContext security, @PathParam("name") String name, HostApiRequest request) {
    if (request == null) {
      throw new BadRequestException("a JSON body is required");
    }
    return hostApis.set(caller(security), source(name), request);
  }

  @DELETE
  @RolesAllowed(Roles.ADMIN)
  public Response remove(@Context SecurityContext security, @PathParam("name") String name) {
    hostApis.remove(caller(security), source(name));
    return Response.noContent().build();
  }

  private static Caller caller(SecurityContext security) {
    return (Caller) security.getUserPrincipal();
  }

  private static SourceName source(String name) {
    try {
      return SourceName.of(name);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("source", name);
    }
  }
}
