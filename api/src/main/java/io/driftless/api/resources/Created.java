package io.driftless.api.resources;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The answer to a {@code POST} that made a named object: 201 with its location and body. */
final class Created {
  private Created() {}

  /**
   * @param collection the collection's path, e.g. {@code /api/v1/sources}
   * @param name the new object's name, the last segment of its location
   */
  static Response at(String collection, String name, Object entity) {
    return Response.created(URI.create(collection + "/" + name)).entity(entity).build();
  }
}
