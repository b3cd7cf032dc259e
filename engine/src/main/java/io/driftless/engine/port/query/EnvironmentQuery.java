package io.driftless.engine.port.query;

import io.driftless.engine.domain.SourceName;

/**
 * A page of environments ordered by name. Null filters match everything.
 *
 * @param owner only the environments declared in documents applied by this owner (the name a {@code
 *     RegistryOwners.Owner} holds)
 * @param cursor from {@link Page#nextCursor()}; null for the first page
 */
public record EnvironmentQuery(
    String namePrefix,
    SourceName source,
    EnvironmentStatus status,
    String owner,
    String cursor,
    int limit) {
  public EnvironmentQuery {
    namePrefix = namePrefix == null || namePrefix.isEmpty() ? null : namePrefix;
    owner = owner == null || owner.isEmpty() ? null : owner;
    limit = Page.limit(limit);
  }

  public EnvironmentQuery(
      String namePrefix, SourceName source, EnvironmentStatus status, String cursor, int limit) {
    this(namePrefix, source, status, null, cursor, limit);
  }

  public static EnvironmentQuery all(int limit) {
    return new EnvironmentQuery(null, null, null, null, null, limit);
  }

  public EnvironmentQuery after(String cursor) {
    return new EnvironmentQuery(namePrefix, source, status, owner, cursor, limit);
  }
}
