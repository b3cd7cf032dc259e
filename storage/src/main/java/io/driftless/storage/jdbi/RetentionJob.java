package io.driftless.storage.jdbi;

import io.driftless.storage.RetentionPolicy;
import io.driftless.storage.model.RetentionReport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Trims run history: a run goes when it is neither among the last {@code keepLast} runs of its
 * environment nor younger than {@code keepFor}, and nothing refers to it: not the last apply (its
 * snapshot is the base of the next three-way diff), not the pinned revision, not a rollback.
 * Unfinished runs stay. Then contents no snapshot uses any more, old webhook delivery ids and the
 * previews of pull requests closed longer than {@code closedPreviewsFor} go. One environment per
 * transaction, so a pass never holds long locks.
 */
public final class RetentionJob {
  private final Jdbi jdbi;
  private final SnapshotRepository snapshots;
  private final WebhookDeliveries deliveries;
  private final RetentionPolicy policy;
  private final Clock clock;

  public RetentionJob(
      Jdbi jdbi,
      SnapshotRepository snapshots,
      WebhookDeliveries deliveries,
      RetentionPolicy policy,
      Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.snapshots = Objects.requireNonNull(snapshots);
    this.deliveries = Objects.requireNonNull(deliveries);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
  }

  public RetentionReport run() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(policy.keepFor());
    List<Long> environments =
        jdbi.withHandle(
            h -> h.createQuery("SELECT id FROM environments ORDER BY id").mapTo(Long.class).list());
    int runs = 0;
    for (long env : environments) {
      runs += trim(env, cutoff);
    }
    int contents = snapshots.collectGarbage();
    int forgotten = deliveries.forgetBefore(now.minus(policy.deliveriesFor()));
    int previews = deletePreviewsClosedBefore(now.minus(policy.closedPreviewsFor()));
    return new RetentionReport(runs, contents, forgotten, previews);
  }

  private int deletePreviewsClosedBefore(Instant cutoff) {
    return Sql.deleteBefore(jdbi, "previews", "closed_at", cutoff);
  }

  private int trim(long env, Instant cutoff) {
    return jdbi.inTransaction(
        h -> {
          // The newest run beyond the last keepLast; older ones are candidates.
          Long newestCandidate =
              h.createQuery(
                      "SELECT id FROM runs WHERE environment_id = :env ORDER BY id DESC"
                          + " OFFSET :keep ROWS FETCH FIRST 1 ROWS ONLY")
                  .bind("env", env)
                  .bind("keep", policy.keepLast())
                  .mapTo(Long.class)
                  .findOne()
                  .orElse(null);
          if (newestCandidate == null) {
            return 0;
          }
          long lastApplied =
              h.createQuery(
                      "SELECT run_id FROM snapshots WHERE environment_id = :env ORDER BY id DESC"
                          + " FETCH FIRST 1 ROWS ONLY")
                  .bind("env", env)
                  .mapTo(Long.class)
                  .findOne()
                  .orElse(-1L);
          String pinned =
              h.createQuery("SELECT pinned_revision FROM environments WHERE id = :env")
                  .bind("env", env)
                  .mapTo(String.class)
                  .findOne()
                  .orElse(null);
          Update delete =
              h.createUpdate(
                      "DELETE FROM runs WHERE environment_id = :env AND id <= :newest AND"
                          + " created_at < :cutoff AND status NOT IN ('QUEUED', 'RUNNING') AND"
                          + " id <> :lastApplied AND id NOT IN (SELECT rollback_of_run_id FROM"
                          + " runs WHERE environment_id = :env AND rollback_of_run_id IS NOT"
                          + " NULL)"
                          + (pinned == null
                              ? ""
                              : " AND (revision IS NULL OR revision <> :pinned)"))
                  .bind("env", env)
                  .bind("newest", newestCandidate)
                  .bind("cutoff", cutoff)
                  .bind("lastApplied", lastApplied);
          if (pinned != null) {
            delete.bind("pinned", pinned);
          }
          return delete.execute();
        });
  }
}
