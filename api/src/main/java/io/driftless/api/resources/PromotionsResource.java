package io.driftless.api.resources;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.PromotionView;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.query.PromotionQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/promotions}: every promotion made and where it stands, newest first. */
@Path("/api/v1/promotions")
@Produces(MediaType.APPLICATION_JSON)
public final class PromotionsResource {
  private final PromotionLog promotions;

  public PromotionsResource(PromotionLog promotions) {
    this.promotions = promotions;
  }

  /** Every promotion, or those into {@code environment}; newest first. */
  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<PromotionView> list(
      @QueryParam("environment") String environment, @BeanParam PageParams page) {
    String name = Params.text(environment);
    return ItemPage.of(
        promotions.list(
            new PromotionQuery(
                name == null ? null : Params.environment(name), page.cursor(), page.limit())),
        PromotionView::from);
  }

  /** One promotion, by the id its {@code promote} answer gave. */
  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  public PromotionView get(@PathParam("id") String id) {
    long wanted;
    try {
      wanted = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("promotion", id);
    }
    return promotions
        .find(wanted)
        .map(PromotionView::from)
        .orElseThrow(() -> new NotFoundException("promotion", id));
  }
}
