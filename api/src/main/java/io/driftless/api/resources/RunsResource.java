package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.ChangeResponse;
import io.driftless.api.model.CompareResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.RunResponse;
import io.driftless.api.service.RunHistory;
import io.driftless.engine.port.query.ChangeQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/runs}: one run, its changes with diffs, and the comparison of two runs. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunsResource {
  private final RunHistory history;

  public RunsResource(RunHistory history) {
    this.history = history;
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  public RunResponse get(@PathParam("id") String id) {
    return history.run(Params.run(id));
  }

  @GET
  @Path("{id}/changes")
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<ChangeResponse> changes(@PathParam("id") String id, @BeanParam PageParams page) {
    var run = Params.run(id);
    history.run(run);
    return history.changes(new ChangeQuery(run, page.cursor(), page.limit()));
  }

  @GET
  @Path("{a}/compare/{b}")
  @RolesAllowed(Roles.VIEWER)
  public CompareResponse compare(@PathParam("a") String a, @PathParam("b") String b) {
    return history.compare(Params.run(a), Params.run(b));
  }
}
