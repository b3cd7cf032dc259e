package io.driftless.api.model;

import io.driftless.engine.domain.Promotion;
import io.driftless.engine.port.query.PromotionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored promotion, as {@code GET /api/v1/promotions} lists it.
 *
 * @param state {@code open}, {@code diverged}, {@code merged}, {@code applied}, {@code superseded}
 *     or {@code failed}
 * @param commit the promotion commit; null when none was pushed
 * @param branch where it was pushed
 * @param pullRequest its pull request; null for {@code via: commit} or when the host took none
 * @param failure why it failed or diverged; null otherwise
 * @param appliedRun the receiving environment's run that applied it (or failed it)
 * @param fromAppliedAt when {@code from} applied the revision: where the lead time starts
 * @param settledAt when it became applied, superseded or failed
 * @param links the API paths of the environments and of the applying run; the pull request's page
 */
public record PromotionView(
    long id,
    String environment,
    String from,
    String revision,
    String via,
    String state,
    String commit,
    String branch,
    PullRequest pullRequest,
    List<String> paths,
    String requestedBy,
    String reason,
    String failure,
    Long appliedRun,
    Instant fromAppliedAt,
    Instant createdAt,
    Instant updatedAt,
    Instant settledAt,
    Map<String, String> links) {

  /** The pull request of a promotion. */
  public record PullRequest(int number, String url) {}

  public static PromotionView from(PromotionRecord r) {
    Promotion p = r.promotion();
    Map<String, String> links = new LinkedHashMap<>();
    links.put("environment", "/api/v1/environments/" + p.environment().value());
    links.put("from", "/api/v1/environments/" + p.from().value());
    if (r.appliedRun() != null) {
      links.put("appliedRun", "/api/v1/runs/" + r.appliedRun().value());
    }
    if (p.pullRequest() != null) {
      links.put("pullRequest", p.pullRequest().url());
    }
    return new PromotionView(
        r.id(),
        p.environment().value(),
        p.from().value(),
        p.revision().value(),
        p.via().label(),
        r.state().label(),
        p.commit() == null ? null : p.commit().value(),
        p.branch(),
        p.pullRequest() == null
            ? null
            : new PullRequest(p.pullRequest().number(), p.pullRequest().url()),
        p.paths().patterns(),
        p.requestedBy(),
        p.reason(),
        r.failure(),
        r.appliedRun() == null ? null : r.appliedRun().value(),
        p.fromAppliedAt(),
        r.createdAt(),
        r.updatedAt(),
        r.settledAt(),
        links);
  }
}
