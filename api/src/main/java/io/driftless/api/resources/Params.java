package io.driftless.api.resources;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Path and query parameters read by hand: a malformed name is simply not found (404), a malformed
 * query parameter is a 400 naming it (Jersey would answer 404 for a query parameter it cannot
 * convert).
 */
public final class Params {
  private Params() {}

  public static Caller caller(SecurityContext security) {
    return (Caller) security.getUserPrincipal();
  }

  static EnvironmentName environment(String name) {
    return named("environment", name, EnvironmentName::of);
  }

  static SourceName source(String name) {
    return named("source", name, SourceName::of);
  }

  static RunId run(String id) {
    return named("run", id, value -> RunId.of(Long.parseLong(value)));
  }

  /** What {@code value} names; a malformed one names nothing, so it is not found. */
  private static <T> T named(String kind, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(kind, value);
    }
  }

  static int limit(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the typed error below
    }
    throw new InvalidFieldException("limit", "limit must be a positive number: " + value);
  }

  static String text(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          field, field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z: " + value);
    }
  }

  public static <T> T body(T body) {
    if (body == null) {
      throw new BadRequestException("a JSON body is required");
    }
    return body;
  }
}
