package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.AuditResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.storage.jdbi.AuditLog;
import io.driftless.storage.model.AuditQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/audit}: who did what and why, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<AuditResponse> query(
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("objectType") String objectType,
      @QueryParam("object") String object,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return ItemPage.of(
        audit.query(
            new AuditQuery(
                Params.text(actor),
                Params.text(action),
                Params.text(objectType),
                Params.text(object),
                Params.instant("since", since),
                Params.instant("until", until),
                Params.text(cursor),
                Params.limit(limit))),
        AuditResponse::from);
  }
}
