package io.driftless.engine.port;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.PromotionQuery;
import io.driftless.engine.port.query.PromotionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every promotion made, and where it stands: open, diverged, merged, applied, superseded or failed.
 * One environment has at most one pending (open or merged) promotion: recording a new pending one
 * supersedes the older ones, in the same transaction.
 */
public interface PromotionLog {

  /**
   * Stores a promotion in {@code state}; when that state is pending ({@link
   * PromotionState#pending()}), the environment's older pending promotions become {@link
   * PromotionState#SUPERSEDED}.
   *
   * @param failure why, for a failed or diverged one; null otherwise
   */
  PromotionRecord record(Promotion promotion, PromotionState state, String failure);

  /** The environment's pending (open or merged) promotions, newest first. */
  List<PromotionRecord> pending(EnvironmentName environment);

  /**
   * Moves a pending promotion to {@code state} (merged, applied or failed) as {@code run} says;
   * false when it is not pending any more (another replica settled it, or it was superseded).
   *
   * @param failure why, when failed; null otherwise
   */
  boolean settle(long id, PromotionState state, RunId run, String failure);

  Optional<PromotionRecord> find(long id);

  /** Whether any promotion of {@code revision} into {@code environment} is stored, in any state. */
  boolean promoted(EnvironmentName environment, Revision revision);

  /** Newest first; the cursor is the last id shown. */
  Page<PromotionRecord> list(PromotionQuery query);

  /** How many promotions are in each state; states with none are left out. */
  Map<PromotionState, Long> countByState();
}
