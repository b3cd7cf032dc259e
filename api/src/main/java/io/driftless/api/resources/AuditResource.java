package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.AuditResponse;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.ItemPage;
import io.driftless.engine.port.AuditTrail;
import io.driftless.engine.port.query.AuditQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** {@code /api/v1/audit}: who did what and why, newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditTrail audit;

  public AuditResource(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * Filters combine; {@code environment} is short for {@code objectType=environment&object=NAME};
   * {@code since} (inclusive) and {@code until} (exclusive) bound the time.
   */
  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<AuditResponse> query(
      @QueryParam("environment") String environment,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("objectType") String objectType,
      @QueryParam("object") String object,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @BeanParam PageParams page) {
    String type = Params.text(objectType);
    String name = Params.text(object);
    if (Params.text(environment) != null) {
      if ((type != null && !type.equals("environment"))
          || (name != null && !name.equals(environment.trim()))) {
        throw new InvalidFieldException(
            "environment", "environment cannot be combined with another objectType or object");
      }
      type = "environment";
      name = Params.environment(environment.trim()).value();
    }
    Instant from = Params.instant("since", since);
    Instant to = Params.instant("until", until);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidFieldException("until", "until must be after since");
    }
    return ItemPage.of(
        audit.query(
            new AuditQuery(
                Params.text(actor),
                Params.text(action),
                type,
                name,
                from,
                to,
                page.cursor(),
                page.limit())),
        AuditResponse::from);
  }
}
