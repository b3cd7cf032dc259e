package io.driftless.api.preview;

import io.driftless.api.auth.Roles;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.PreviewApproval;
import io.driftless.api.model.PreviewResponse;
import io.driftless.api.resources.Params;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.PreviewStore;
import io.driftless.engine.port.SourceCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;

/**
 * {@code GET /api/v1/previews?source=&pr=}: the newest preview of a source's pull requests (of one
 * with {@code pr}), most recently updated first; {@code POST .../{source}/{pr}/approve}: an
 * operator approves a fork's head.
 */
@Path("/api/v1/previews")
@Produces(MediaType.APPLICATION_JSON)
public final class PreviewsResource {
  private final SourceCatalog sources;
  private final PreviewStore previews;
  private final PreviewService service;

  public PreviewsResource(SourceCatalog sources, PreviewStore previews, PreviewService service) {
    this.sources = sources;
    this.previews = previews;
    this.service = service;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public ItemPage<PreviewResponse> list(
      @QueryParam("source") String source, @QueryParam("pr") String pr) {
    if (source == null || source.isBlank()) {
      throw new InvalidFieldException("source", "source is required: ?source=<name>");
    }
    SourceName name = sourceName(source);
    if (sources.view(name).isEmpty()) {
      throw new NotFoundException("source", source);
    }
    if (pr == null || pr.isBlank()) {
      return new ItemPage<>(previews.list(name).stream().map(service::response).toList(), null);
    }
    long number = number(pr);
    return new ItemPage<>(
        previews.find(name, number).map(service::response).map(List::of).orElse(List.of()), null);
  }

  /**
   * {@code POST /api/v1/previews/{source}/{pr}/approve} with {@code {head, reason}}: computes the
   * full preview of a fork's head at that SHA (sensitive values still masked); 409 when the pull
   * request has moved to another head. Audited; a new push needs a new approval.
   */
  @POST
  @Path("{source}/{pr}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  public Response approve(
      @Context SecurityContext security,
      @PathParam("source") String source,
      @PathParam("pr") String pr,
      PreviewApproval request) {
    PreviewApproval approval = Params.body(request);
    SourceName name = sourceName(source);
    long number = number(pr);
    PreviewResponse pending =
        service.approve(Params.caller(security), name, number, approval.head(), approval.reason());
    return Response.accepted(pending)
        .location(URI.create(PreviewService.location(name, number)))
        .build();
  }

  private static long number(String pr) {
    long number;
    try {
      number = Long.parseLong(pr.trim());
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number <= 0) {
      throw new InvalidFieldException("pr", "pr must be a pull request number: " + pr);
    }
    return number;
  }

  private static SourceName sourceName(String name) {
    try {
      return SourceName.of(name);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("source", name);
    }
  }
}
