package io.driftless.engine.port.query;

import io.driftless.engine.domain.EnvironmentName;

/**
 * A page of promotions, newest first.
 *
 * @param environment the receiving environment; null for every environment
 * @param cursor from {@link Page#nextCursor()}; null for the newest page
 */
public record PromotionQuery(EnvironmentName environment, String cursor, int limit) {
  public PromotionQuery {
    limit = Page.limit(limit);
  }
}
