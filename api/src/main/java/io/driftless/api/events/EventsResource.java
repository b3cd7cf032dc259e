package io.driftless.api.events;

import io.driftless.api.auth.Roles;
import io.driftless.api.auth.TokenAuthFeature;
import io.driftless.api.model.InvalidFieldException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/v1/events}: Server-Sent Events of every environment's runs (run.started,
 * run.phase, run.finished, drift.found), from whichever replica ran them. Resume with {@code
 * Last-Event-ID}; narrow with {@code ?environment=}. A stream ends within seconds of its token
 * being revoked.
 */
@Path("/api/v1/events")
public final class EventsResource {
  private final EventStream stream;

  public EventsResource(EventStream stream) {
    this.stream = stream;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context ContainerRequestContext request,
      @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
      @QueryParam("environment") String environment) {
    stream.subscribe(
        sink,
        sse,
        lastEventId(lastEventId),
        environment == null || environment.isBlank() ? null : environment,
        (String) request.getProperty(TokenAuthFeature.TOKEN_HASH));
  }

  private static Long lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("Last-Event-ID", "Last-Event-ID must be an event id");
    }
  }
}
