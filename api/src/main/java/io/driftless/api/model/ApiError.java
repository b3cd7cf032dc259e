package io.driftless.api.model;

import java.util.Map;

/** Every error the API answers: the HTTP status again, a readable message, and what to fix. */
public record ApiError(int code, String message, Map<String, String> details) {
  public ApiError {
    message = message == null ? "" : message;
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
