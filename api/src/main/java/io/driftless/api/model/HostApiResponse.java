package io.driftless.api.model;

import io.driftless.engine.port.query.HostApiView;
import java.time.Instant;

/** A source's Git host API as the API shows it: never the token. */
public record HostApiResponse(
    String source, String type, String url, String repository, Instant updatedAt) {
  public static HostApiResponse from(String source, HostApiView view) {
    return new HostApiResponse(
        source, view.type(), view.baseUrl(), view.repository(), view.updatedAt());
  }
}
