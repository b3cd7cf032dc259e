package io.driftless.api.webhook;

import io.driftless.api.model.ApiError;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/v1/webhooks/{provider}}: push deliveries from Git hosts. Not behind bearer
 * tokens ({@code @PermitAll}): the signature made with the source's webhook secret is the
 * authentication.
 */
@Path("/api/v1/webhooks")
public final class WebhookResource {
  private final WebhookReceiver receiver;

  public WebhookResource(WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @POST
  @Path("{provider}")
  @PermitAll
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(
      @PathParam("provider") String provider,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request,
      InputStream body) {
    Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.getRequestHeaders().forEach((name, values) -> first.put(name, values.get(0)));
    MediaType type = headers.getMediaType();
    try {
      WebhookReceipt receipt =
          receiver.receive(
              new WebhookReceiver.Delivery(
                  provider,
                  first,
                  type == null ? null : type.getType() + "/" + type.getSubtype(),
                  headers.getLength(),
                  body,
                  ClientAddress.socketPeer(request)));
      return Response.status(receipt.status()).entity(receipt).build();
    } catch (WebhookRejection e) {
      Map<String, String> details = new HashMap<>(e.details());
      details.put("result", e.result().label());
      Response.ResponseBuilder answer =
          Response.status(e.result().status())
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(new ApiError(e.result().status(), e.getMessage(), details));
      if (details.containsKey("retryAfter")) {
        answer.header("Retry-After", details.get("retryAfter"));
      }
      return answer.build();
    }
  }
}
