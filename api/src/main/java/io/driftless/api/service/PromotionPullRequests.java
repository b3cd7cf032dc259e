package io.driftless.api.service;

import io.driftless.api.githost.GitHost;
import io.driftless.api.githost.GitHostException;
import io.driftless.api.githost.GitHosts;
import io.driftless.api.githost.MarkdownText;
import io.driftless.api.githost.PullRequest;
import io.driftless.api.githost.PullRequestDraft;
import io.driftless.api.model.PromotionResponse.PullRequestView;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.HostApis;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one pull request of a promotion into an environment ({@code via: pull-request}): opened
 * through the source's host API from the promotion branch into the environment's branch, or, when
 * one is open already, its title and body replaced, never a second one. The title names the
 * environment, the revision and its commit subject; the body lists the files. What Git gave (file
 * names, the subject) is escaped so it shows as text and mentions nobody.
 */
public record PromotionPullRequests(HostApis hostApis, GitHosts hosts) {

  /** What the pull request says: the promotion and the subject of the promoted commit. */
  record Description(
      Environment environment, PromotionCommit commit, String subject, String by, String reason) {}

  /** Opens or updates the pull request of {@code branch} into the environment's branch. */
  PullRequestView propose(Description d, String branch) {
    Environment environment = d.environment();
    GitHost host =
        hosts.open(
            hostApis
                .find(environment.source())
                .orElseThrow(
                    () ->
                        new ConflictException(
                            "source '" + environment.source() + "' has no host API any more",
                            Map.of("field", "promotion.via"))));
    String title = title(d);
    String body = body(d);
    try {
      Optional<PullRequest> open = host.findOpenPullRequest(branch, environment.ref());
      PullRequest pr =
          open.isPresent()
              ? host.editPullRequest(open.get().number(), title, body)
              : host.createPullRequest(
                  new PullRequestDraft(title, body, branch, environment.ref()));
      return new PullRequestView(pr.number(), pr.url(), open.isPresent());
    } catch (GitHostException e) {
      throw new ConflictException(
          "the promotion is on branch "
              + branch
              + " but the host did not take its pull request: "
              + e.getMessage(),
          Map.of("branch", branch));
    }
  }

  static String title(Description d) {
    return "Promote "
        + d.commit().from().shortId()
        + " to "
        + d.environment().name()
        + ": "
        + d.subject();
  }

  static String body(Description d) {
    Environment environment = d.environment();
    StringBuilder body =
        new StringBuilder()
            .append("Promotes ")
            .append(MarkdownText.code(d.commit().from().value()))
            .append(" (")
            .append(MarkdownText.inline(d.subject()))
            .append(") into environment ")
            .append(MarkdownText.code(environment.name().value()))
            .append(", path ")
            .append(MarkdownText.code(environment.path().isEmpty() ? "/" : environment.path()))
            .append(".\n");
    files(body, "Copied", d.commit().copied());
    files(body, "Deleted", d.commit().deleted());
    return body.append("\nAsked by ")
        .append(MarkdownText.inline(d.by()))
        .append(": ")
        .append(MarkdownText.inline(d.reason()))
        .append("\n\nMerging this pull request deploys it.\n")
        .toString();
  }

  private static void files(StringBuilder body, String what, List<String> files) {
    if (files.isEmpty()) {
      return;
    }
    body.append("\n").append(what).append(" (").append(files.size()).append("):\n");
    files.forEach(f -> body.append("- ").append(MarkdownText.code(f)).append('\n'));
  }
}
