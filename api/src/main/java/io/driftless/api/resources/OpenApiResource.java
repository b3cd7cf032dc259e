package io.driftless.api.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code /api/v1/openapi.json}: the hand-written OpenAPI document. Public, like any API reference:
 * it holds no data. A test checks that it names every route the server registers.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {
  public static final String RESOURCE = "/io/driftless/api/openapi.json";
  private final byte[] document;

  public OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] get() {
    return document.clone();
  }
}
