package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.Fields;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.PromoteRequest;
import io.driftless.api.model.PromotionResponse;
import io.driftless.api.model.PromotionResponse.PullRequestView;
import io.driftless.api.model.PromotionView;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionPush;
import io.driftless.engine.git.PromotionRequest;
import io.driftless.engine.git.PushRefusedException;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.RunLog;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.PromotionRecord;
import io.driftless.engine.port.query.RunQuery;
import io.driftless.engine.port.query.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Promotes a revision that the environment's {@code promotion.from} applied healthily: builds one
 * commit on the environment's branch head copying the rule's files from {@code from}'s path at that
 * revision, then pushes it onto the branch ({@code via: commit}) or onto {@code
 * driftless/promote/<environment>} with one pull request ({@code via: pull-request}). Every
 * promotion that changes something is audited with who and why, and stored in the {@link
 * PromotionLog}: open (a pull request), merged (pushed onto the branch), diverged, or failed (the
 * host refused the push or the pull request). Nothing is recorded as applied here: the
 * environment's own runs apply what lands on its branch, and {@link PromotionApplications} finds
 * the run that did.
 */
public final class Promotions {
  /** How many of {@code from}'s succeeded runs are searched for the revision, newest first. */
  static final int MAX_RUNS_SEARCHED = 1000;

  /** The audit action of a promotion that pushed something. */
  static final String ACTION = "environment.promote";

  private final EnvironmentCatalog environments;
  private final SourceCatalog sources;
  private final RunLog runs;
  private final PromotionLog log;
  private final GitReader reader;
  private final GitWriter writer;
  private final CommitIdentity author;
  private final PromotionPullRequests pullRequests;
  private final Audit audit;
  private final PromotionRules rules;

  /**
   * @param author who the promotion commits are by
   * @param pullRequests how {@code via: pull-request} promotions are proposed
   */
  public Promotions(
      Stores stores,
      GitReader reader,
      GitWriter writer,
      CommitIdentity author,
      PromotionPullRequests pullRequests,
      Audit audit) {
    this.environments = stores.environments();
    this.sources = stores.sources();
    this.runs = stores.runs();
    this.log = stores.promotions();
    this.reader = reader;
    this.writer = writer;
    this.author = author;
    this.pullRequests = pullRequests;
    this.audit = audit;
    this.rules = new PromotionRules(environments, sources, stores.hostApis());
  }

  /** One promotion into {@code name}, as its rule says; audited unless nothing changed. */
  public PromotionResponse promote(Caller who, EnvironmentName name, PromoteRequest request) {
    Environment environment =
        environments
            .find(name)
            .orElseThrow(() -> new NotFoundException("environment", name.value()));
    PromotionRule rule = environment.promotion();
    if (rule == null) {
      throw new InvalidFieldException(
          "promotion", "environment '" + name + "' has no promotion rule (promotion.from)");
    }
    // Checked again: the from environment may have moved or gone, the host API too.
    Environment from = rules.check(environment);
    RunSummary promotable = promotable(from, request.revision());
    Revision revision = promotable.revision();
    Source source =
        sources
            .find(environment.source())
            .orElseThrow(() -> new NotFoundException("source", environment.source().value()));
    reader.update(source, revision.value());
    Revision head = reader.update(source, environment.ref());
    String subject = reader.commit(source, revision).subject();
    String message =
        "Promote "
            + from.name()
            + " "
            + revision.shortId()
            + " to "
            + environment.name()
            + ": "
            + subject
            + "\n\nAsked by "
            + who.name()
            + ": "
            + request.reason()
            + "\n";
    PromotionCommit commit =
        writer
            .buildPromotion(
                source,
                new PromotionRequest(
                    revision, from.path(), head, environment.path(), rule.paths(), author, message))
            .orElse(null);
    if (commit == null) {
      return new PromotionResponse(
          environment.name().value(),
          from.name().value(),
          revision.value(),
          rule.via().label(),
          "unchanged",
          null,
          null,
          List.of(),
          List.of(),
          null,
          "nothing to change: "
              + environment.ref()
              + " already has under '"
              + environment.path()
              + "' what "
              + from.name()
              + " applied at "
              + revision.shortId(),
          null,
          null);
    }
    Promotion made =
        new Promotion(
            environment.name(),
            from.name(),
            from.path(),
            rule.paths(),
            rule.via(),
            revision,
            commit.revision(),
            rule.via() == PromotionRule.Via.COMMIT
                ? environment.ref()
                : GitWriter.promotionBranch(environment.name()),
            null,
            who.name(),
            request.reason(),
            promotable.finishedAt());
    PromotionResponse response =
        rule.via() == PromotionRule.Via.COMMIT
            ? pushed(source, environment, commit, made, who)
            : proposed(
                source,
                new PromotionPullRequests.Description(
                    environment, commit, subject, who.name(), request.reason()),
                made,
                who);
    audit.record(who, ACTION, "environment", name.value(), request.reason(), null, response);
    return response;
  }

  private PromotionResponse pushed(
      Source source, Environment environment, PromotionCommit commit, Promotion made, Caller who) {
    try {
      writer.pushPromotion(source, commit, environment.ref());
    } catch (PushRefusedException e) {
      refused(who, log.record(made, PromotionState.FAILED, e.getMessage()));
      throw e;
    }
    PromotionRecord stored = log.record(made, PromotionState.MERGED, null);
    return answer(
        stored,
        commit,
        null,
        "pushed " + commit.revision().shortId() + " onto " + environment.ref());
  }

  private PromotionResponse proposed(
      Source source, PromotionPullRequests.Description d, Promotion made, Caller who) {
    Environment environment = d.environment();
    String branch = made.branch();
    PromotionPush push;
    try {
      push = writer.pushPromotionBranch(source, d.commit(), branch);
    } catch (PushRefusedException e) {
      refused(who, log.record(made, PromotionState.FAILED, e.getMessage()));
      throw e;
    }
    if (push.outcome() == PromotionPush.Outcome.DIVERGED) {
      String message =
          "diverged: branch "
              + branch
              + " has commits Driftless did not write ("
              + push.foreign().stream().map(Revision::shortId).collect(Collectors.joining(", "))
              + "); nothing was pushed and its pull request is left as it is";
      PromotionRecord stored = log.record(made, PromotionState.DIVERGED, message);
      refused(who, stored);
      throw new ConflictException(
          message,
          Map.of("branch", branch, "outcome", "diverged", "promotion", Long.toString(stored.id())));
    }
    PullRequestView pr;
    try {
      pr = pullRequests.propose(d, branch);
    } catch (ConflictException e) {
      // The branch did move: who moved it, and why, is on record even without a pull request.
      PromotionRecord stored = log.record(made, PromotionState.FAILED, e.getMessage());
      audit.record(
          who,
          ACTION,
          "environment",
          environment.name().value(),
          d.reason(),
          null,
          answer(stored, d.commit(), null, e.getMessage()));
      throw e;
    }
    PromotionRecord stored =
        log.record(
            withPullRequest(
                made, new Promotion.PullRequestLink(Math.toIntExact(pr.number()), pr.url())),
            PromotionState.OPEN,
            null);
    return answer(
        stored,
        d.commit(),
        pr,
        (pr.updated() ? "updated pull request #" : "opened pull request #")
            + pr.number()
            + " from "
            + branch
            + " into "
            + environment.ref());
  }

  /** A promotion that pushed nothing (refused, diverged) is on record too: who tried, and why. */
  private void refused(Caller who, PromotionRecord stored) {
    Promotion p = stored.promotion();
    audit.record(
        who,
        ACTION,
        "environment",
        p.environment().value(),
        p.reason(),
        null,
        PromotionView.from(stored));
  }

  private static Promotion withPullRequest(Promotion p, Promotion.PullRequestLink pr) {
    return new Promotion(
        p.environment(),
        p.from(),
        p.fromPath(),
        p.paths(),
        p.via(),
        p.revision(),
        p.commit(),
        p.branch(),
        pr,
        p.requestedBy(),
        p.reason(),
        p.fromAppliedAt());
  }

  private static PromotionResponse answer(
      PromotionRecord stored, PromotionCommit commit, PullRequestView pr, String message) {
    Promotion p = stored.promotion();
    return new PromotionResponse(
        p.environment().value(),
        p.from().value(),
        commit.from().value(),
        p.via().label(),
        pr == null ? "pushed" : "pull-request",
        commit.revision().value(),
        p.branch(),
        commit.copied(),
        commit.deleted(),
        pr,
        message,
        stored.id(),
        stored.state().label());
  }

  /**
   * The revision to promote: the given one, or {@code from}'s last applied one; either way {@code
   * from} must have a succeeded run at it (a failed health check fails the run, so a succeeded run
   * passed it or had none).
   */
  private RunSummary promotable(Environment from, String wanted) {
    Revision revision =
        wanted != null
            ? Fields.check("revision", () -> Revision.of(wanted))
            : environments
                .view(from.name())
                .map(v -> v.state().appliedRevision())
                .orElseThrow(
                    () ->
                        new InvalidFieldException(
                            "revision", "environment '" + from.name() + "' has applied nothing"));
    String cursor = null;
    int searched = 0;
    do {
      Page<RunSummary> page =
          runs.history(new RunQuery(from.name(), RunStatus.SUCCEEDED, cursor, Page.MAX_LIMIT));
      for (RunSummary run : page.items()) {
        if (revision.equals(run.revision())) {
          return run;
        }
      }
      searched += page.items().size();
      cursor = page.nextCursor();
    } while (cursor != null && searched < MAX_RUNS_SEARCHED);
    throw new InvalidFieldException(
        "revision",
        "revision "
            + revision.shortId()
            + " is not promotable: environment '"
            + from.name()
            + "' has no succeeded run at it (a run whose health check failed does not count)");
  }
}
