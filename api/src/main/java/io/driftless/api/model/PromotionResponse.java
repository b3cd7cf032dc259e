package io.driftless.api.model;

import java.util.List;

/**
 * What a promotion did.
 *
 * @param outcome {@code unchanged} (the receiving path already has the promoted content: nothing
 *     pushed), {@code pushed} ({@code via: commit}: the commit is on the environment's branch), or
 *     {@code pull-request} ({@code via: pull-request}: the commit is on {@code branch} and {@code
 *     pullRequest} proposes it)
 * @param revision the promoted revision of {@code from}
 * @param commit the promotion commit; null when unchanged
 * @param branch where it was pushed; null when unchanged
 * @param copied the files written, relative to the receiving environment's path
 * @param deleted the files removed there, relative to it
 * @param pullRequest the pull request, opened or updated; null unless {@code via: pull-request}
 * @param message one line saying what happened
 * @param promotion the stored promotion's id ({@code GET /api/v1/promotions}); null when unchanged
 * @param state the stored promotion's state: {@code open} or {@code merged}; null when unchanged
 */
public record PromotionResponse(
    String environment,
    String from,
    String revision,
    String via,
    String outcome,
    String commit,
    String branch,
    List<String> copied,
    List<String> deleted,
    PullRequestView pullRequest,
    String message,
    Long promotion,
    String state) {

  /**
   * @param updated an open pull request of the branch was updated rather than a new one opened
   */
  public record PullRequestView(long number, String url, boolean updated) {}
}
