package io.driftless.engine.port.query;

import io.driftless.engine.domain.SourceName;

/**
 * A page of environments ordered by name. Null filters match everything.
 *
 * @param cursor from {@link Page#nextCursor()}; null for the first page
 */
public record EnvironmentQuery(
    String namePrefix, SourceName source, EnvironmentStatus status, String cursor, int limit) {
  public EnvironmentQuery {
    namePrefix = namePrefix == null || namePrefix.isEmpty() ? null : namePrefix;
    limit = Page.limit(limit);
  }

  public static EnvironmentQuery all(int limit) {
    return new EnvironmentQuery(null, null, null, null, limit);
  }

  public EnvironmentQuery after(String cursor) {
    return new EnvironmentQuery(namePrefix, source, status, cursor, limit);
  }
}
