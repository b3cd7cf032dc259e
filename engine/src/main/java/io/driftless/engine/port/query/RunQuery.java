package io.driftless.engine.port.query;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunStatus;
import java.util.Objects;

/**
 * A page of an environment's run history, newest first.
 *
 * @param status null for every status
 * @param cursor from {@link Page#nextCursor()}; null for the newest page
 */
public record RunQuery(EnvironmentName environment, RunStatus status, String cursor, int limit) {
  public RunQuery {
    Objects.requireNonNull(environment, "environment");
    limit = Page.limit(limit);
  }

  public static RunQuery latest(EnvironmentName environment, int limit) {
    return new RunQuery(environment, null, null, limit);
  }

  public RunQuery after(String cursor) {
    return new RunQuery(environment, status, cursor, limit);
  }
}
