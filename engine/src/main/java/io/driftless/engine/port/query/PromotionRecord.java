package io.driftless.engine.port.query;

import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.RunId;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored promotion and where it stands.
 *
 * @param id positive, increasing
 * @param failure why it failed (the host's reason, or the run's error) or diverged; null otherwise
 * @param appliedRun the receiving environment's run that applied it (or failed it); null before
 * @param settledAt when it became applied, failed or superseded; null before
 */
public record PromotionRecord(
    long id,
    Promotion promotion,
    PromotionState state,
    String failure,
    RunId appliedRun,
    Instant createdAt,
    Instant updatedAt,
    Instant settledAt) {
  public PromotionRecord {
    Objects.requireNonNull(promotion, "promotion");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
