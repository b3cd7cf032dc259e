package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.SourcePatch;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.model.SourceResponse;
import io.driftless.api.service.SourceRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/sources}: registered Git repositories. */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SourcesResource {
  private final SourceRegistry sources;

  public SourcesResource(SourceRegistry sources) {
    this.sources = sources;
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  public Response register(@Context SecurityContext security, SourceRequest request) {
    SourceResponse created = sources.register(Params.caller(security), Params.body(request));
    return Created.at("/api/v1/sources", created.name(), created);
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<SourceResponse> list(
      @QueryParam("owner") String owner, @BeanParam PageParams page) {
    return sources.list(Params.text(owner), page.cursor(), page.limit());
  }

  @GET
  @Path("{name}")
  @RolesAllowed(Roles.VIEWER)
  public SourceResponse get(@PathParam("name") String name) {
    return sources.get(Params.source(name));
  }

  @PATCH
  @Path("{name}")
  @RolesAllowed(Roles.ADMIN)
  public SourceResponse update(
      @Context SecurityContext security,
      @PathParam("name") String name,
      @QueryParam("force") boolean force,
      SourcePatch patch) {
    return sources.update(Params.caller(security), Params.source(name), Params.body(patch), force);
  }

  @DELETE
  @Path("{name}")
  @RolesAllowed(Roles.ADMIN)
  public Response delete(
      @Context SecurityContext security,
      @PathParam("name") String name,
      @QueryParam("force") boolean force) {
    sources.delete(Params.caller(security), Params.source(name), force);
    return Response.noContent().build();
  }
}
