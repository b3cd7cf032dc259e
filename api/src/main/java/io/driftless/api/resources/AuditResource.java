package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.AuditResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.engine.port.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/audit}: who did what and why, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditTrail audit;

  public AuditResource(AuditTrail audit) {
    this.audit = audit;
  }

  /** Filters combine, as {@link AuditFilter} says; newest first. */
  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<AuditResponse> query(@BeanParam AuditFilter filter, @BeanParam PageParams page) {
    return ItemPage.of(audit.query(filter.query(page)), AuditResponse::from);
  }
}
