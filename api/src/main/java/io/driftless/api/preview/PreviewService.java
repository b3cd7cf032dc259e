package io.driftless.api.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.auth.Caller;
import io.driftless.api.githost.CommitStatus;
import io.driftless.api.githost.GitHost;
import io.driftless.api.githost.GitHostException;
import io.driftless.api.githost.GitHosts;
import io.driftless.api.model.PlanResponse;
import io.driftless.api.model.PreviewResponse;
import io.driftless.api.model.PreviewResponse.EnvironmentPreview;
import io.driftless.api.model.RunResponse;
import io.driftless.api.preview.PreviewResult.Trust;
import io.driftless.api.service.Audit;
import io.driftless.api.service.RegistryChanges;
import io.driftless.api.webhook.PullRequestEvent;
import io.driftless.api.webhook.PullRequestListener;
import io.driftless.api.webhook.WebhookProvider;
import io.driftless.engine.EngineException;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.GitException;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.HostApis;
import io.driftless.engine.port.PreviewStore;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.StoredPreview;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.sensitive.SensitiveValues;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-request previews: for each environment of the source that follows the pull request's base
 * branch and whose path it changes, the plan its head would apply, computed like {@code GET
 * .../diff} without applying anything; stored (a newer head supersedes an older preview), and
 * reported to the Git host when the source has a host API: a commit status per environment and one
 * comment, edited in place on every new head. Everything runs on a small bounded pool, never on the
 * webhook request or a run; host calls retry a bounded number of times and a failure is logged
 * without the token.
 */
public final class PreviewService implements PullRequestListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PreviewService.class);
  static final String NEUTRAL_CONTEXT = "driftless";
  static final String AWAITING_APPROVAL =
      "This pull request comes from a fork: an operator approves its head before it is previewed.";

  private final SourceCatalog sources;
  private final EnvironmentCatalog environments;
  private final PreviewStore previews;
  private final HostApis hostApis;
  private final GitReader git;
  private final Reconciler reconciler;
  private final SensitiveValues sensitive;
  private final Audit audit;
  private final ForkApprovals approvals;
  private final GitHosts hosts;
  private final ObjectMapper json;
  private final PreviewsConfig config;
  private final ThreadPoolExecutor pool;
  private final Map<String, Object> reportLocks = new ConcurrentHashMap<>();

  /**
   * @param stores the sources and environments a pull request touches, the stored previews, and the
   *     host APIs they are reported to
   */
  public PreviewService(
      Stores stores,
      GitReader git,
      Reconciler reconciler,
      SensitiveValues sensitive,
      Audit audit,
      ObjectMapper json,
      PreviewsConfig config,
      PrometheusRegistry registry) {
    this.sources = stores.sources();
    this.environments = stores.environments();
    this.previews = stores.previews();
    this.hostApis = stores.hostApis();
    this.git = git;
    this.reconciler = reconciler;
    this.sensitive = sensitive;
    this.audit = audit;
    this.approvals = new ForkApprovals(stores.sources(), stores.previews(), json);
    this.json = json;
    this.config = config;
    this.hosts =
        new GitHosts(config.hostAttempts(), config.hostBackoff().toJavaDuration(), registry);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            config.workers(),
            config.workers(),
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(config.queueSize()),
            r -> {
              Thread t = new Thread(r, "driftless-preview-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public List<String> pullRequest(
      WebhookProvider provider, List<Source> authentic, PullRequestEvent event) {
    List<String> where = new ArrayList<>();
    for (Source source : authentic) {
      if (event.untrusted() && source.forkPreviews() == ForkPreviews.OFF) {
        LOG.info(
            "source {}: pull request #{} comes from a fork; previews of forks are off",
            source.name(),
            event.number());
        continue;
      }
      Trust trust = approvals.trustOf(source.name(), event);
      previews.start(source.name(), event.number(), event.head(), event.baseRef());
      submit(
          "preview of pull request #" + event.number() + " of " + source.name(),
          () -> compute(source.name(), event, trust));
      where.add(location(source.name(), event.number()));
    }
    return where;
  }

  /**
   * Approves an untrusted head at {@code head} ({@link ForkApprovals#check} says when it may not
   * be): its full preview is computed, sensitive values still masked. Audited; a new push needs a
   * new approval.
   */
  public PreviewResponse approve(Caller who, SourceName name, long pr, String head, String reason) {
    StoredPreview stored = approvals.check(name, pr, head);
    audit.record(who, "preview.approve", "preview", name.value() + "#" + pr, reason, null, head);
    // No new pending row: the result is stored only while the pull request is still at this head,
    // so an approval racing a new push cannot move the preview back to the approved head.
    PullRequestEvent event =
        new PullRequestEvent(pr, stored.baseRef(), head, head, null, false, true);
    submit(
        "approved preview of pull request #" + pr + " of " + name,
        () -> compute(name, event, Trust.approvedBy(who.name())));
    return response(stored);
  }

  @Override
  public void closed(List<Source> authentic, PullRequestEvent event) {
    for (Source source : authentic) {
      previews.close(source.name(), event.number());
    }
  }

  /** Runs {@code task} on the pool; a full queue drops it with a log line. */
  void submit(String what, Runnable task) {
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.warn("{} failed: {}", what, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn("{} dropped: the preview queue is full or the server is stopping", what);
    }
  }

  /** The API path of a pull request's preview. */
  static String location(SourceName source, long pr) {
    return "/api/v1/previews?source=" + encode(source.value()) + "&pr=" + pr;
  }

  /** The dashboard page of a pull request's preview (readable after signing in, no raw JSON). */
  static String page(SourceName source, long pr) {
    return "/previews/" + encode(source.value()).replace("+", "%20") + "/" + pr;
  }

  /**
   * The full link for statuses and comments, to the dashboard's preview page; null without {@code
   * previews.externalUrl}.
   */
  String link(SourceName source, long pr) {
    return config.externalUrl() == null ? null : config.externalUrl() + page(source, pr);
  }

  String externalUrl() {
    return config.externalUrl();
  }

  private void compute(SourceName name, PullRequestEvent event, Trust trust) {
    Source source = sources.find(name).orElse(null);
    if (source == null) {
      return; // removed meanwhile
    }
    Optional<GitHost> host = host(name);
    Revision head = Revision.of(event.head());
    PreviewResult result =
        trust.untrusted() && source.forkPreviews() == ForkPreviews.APPROVE
            ? new PreviewResult(AWAITING_APPROVAL, false, List.of(), trust)
            : result(source, event, trust, host);
    if (!previews.complete(name, event.number(), head.value(), result.write(json))) {
      // Its commit still gets its final statuses (they were set pending above); only the comment,
      // which shows the newest head, is left to the newer preview.
      LOG.info(
          "source {}: preview of pull request #{} at {} superseded by a newer head",
          name,
          event.number(),
          PreviewComment.shortId(head.value()));
    } else {
      LOG.info(
          "source {}: previewed pull request #{} at {}: {}",
          name,
          event.number(),
          PreviewComment.shortId(head.value()),
          result.environments().isEmpty()
              ? "no environment"
              : result.environments().stream()
                  .map(e -> e.environment() + " " + e.summary())
                  .toList());
    }
    PreviewResult computed = result;
    host.ifPresent(h -> report(h, name, event.number(), head.value(), computed));
  }

  /** The preview of each environment the pull request touches, or why there is none. */
  private PreviewResult result(
      Source source, PullRequestEvent event, Trust trust, Optional<GitHost> host) {
    SourceName name = source.name();
    Revision head = Revision.of(event.head());
    try {
      fetchHead(source, event);
      Revision base = git.update(source, event.baseRef());
      SortedSet<String> changed = git.changedPaths(source, base, head);
      List<Environment> touched = touched(source, event.baseRef(), changed);
      if (touched.isEmpty()) {
        return new PreviewResult(
            "This pull request changes no path of an environment that follows "
                + event.baseRef()
                + ".",
            false,
            List.of(),
            trust);
      }
      host.ifPresent(
          h ->
              call(
                  name,
                  "pending statuses",
                  () -> {
                    for (Environment e : touched) {
                      h.setStatus(
                          head.value(),
                          new CommitStatus(
                              CommitStatus.State.PENDING,
                              context(e),
                              "computing the preview",
                              link(name, event.number())));
                    }
                  }));
      List<EnvironmentPreview> each = new ArrayList<>();
      for (Environment e : touched) {
        each.add(preview(e, head, trust.untrusted()));
      }
      return new PreviewResult(null, false, each, trust);
    } catch (EngineException e) {
      LOG.warn(
          "source {}: cannot preview pull request #{} at {}: {}",
          name,
          event.number(),
          head.value(),
          e.getMessage());
      return new PreviewResult("Cannot preview: " + e.getMessage(), true, List.of(), trust);
    }
  }

  /** Fetches the head the host serves for the pull request (also from a fork), else by id. */
  private void fetchHead(Source source, PullRequestEvent event) {
    try {
      git.update(source, event.headRef());
    } catch (GitException e) {
      LOG.debug("source {}: {} not fetched: {}", source.name(), event.headRef(), e.getMessage());
    }
    git.update(source, event.head()); // present now, or fetched by id; else UnknownRefException
  }

  private List<Environment> touched(Source source, String baseRef, SortedSet<String> changed) {
    List<Environment> touched = new ArrayList<>();
    String cursor = null;
    do {
      Page<EnvironmentSummary> page =
          environments.list(
              new EnvironmentQuery(null, source.name(), null, cursor, Page.MAX_LIMIT));
      for (EnvironmentSummary summary : page.items()) {
        Environment e = summary.environment();
        if (follows(e, baseRef) && touches(e.path(), changed)) {
          touched.add(e);
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return touched;
  }

  private static boolean follows(Environment e, String baseRef) {
    return e.ref().equals(baseRef) || e.ref().equals("refs/heads/" + baseRef);
  }

  static boolean touches(String path, SortedSet<String> changed) {
    if (path.isEmpty()) {
      return !changed.isEmpty();
    }
    String prefix = path + "/";
    return changed.stream().anyMatch(p -> p.startsWith(prefix));
  }

  /** One environment's preview; an untrusted head's shows counts and names only. */
  private EnvironmentPreview preview(Environment e, Revision head, boolean untrusted) {
    String name = e.name().value();
    try {
      Reconciler.Preview preview = reconciler.preview(e.name(), head.value(), untrusted);
      PlanResponse plan =
          untrusted ? PlanResponse.names(preview) : PlanResponse.from(preview, sensitive);
      return new EnvironmentPreview(
          name,
          e.path(),
          preview.plan().isEmpty() ? EnvironmentPreview.NO_CHANGES : EnvironmentPreview.CHANGES,
          // A config environment's preview says what it does to the registry.
          e.target() instanceof TargetSpec.Registry && !preview.plan().isEmpty()
              ? RegistryChanges.summary(preview.plan())
              : plan.summary(),
          plan,
          null);
    } catch (EngineException ex) {
      return failed(e, ex.code(), ex.getMessage(), ex.details());
    } catch (RuntimeException ex) {
      LOG.warn("preview of {} at {} failed", name, head.value(), ex);
      return failed(e, "internal", "internal error; see the server log", Map.of());
    }
  }

  private static EnvironmentPreview failed(
      Environment e, String code, String message, Map<String, String> details) {
    return new EnvironmentPreview(
        e.name().value(),
        e.path(),
        EnvironmentPreview.FAILED,
        message,
        null,
        new RunResponse.ErrorView(code, message, details));
  }

  static String context(Environment e) {
    return NEUTRAL_CONTEXT + "/" + e.name().value();
  }

  /**
   * The final statuses of {@code head}'s commit, and the comment when {@code head} is still the
   * newest: a commit superseded while it was previewed must not stay pending on the host.
   */
  private void report(GitHost host, SourceName name, long pr, String head, PreviewResult result) {
    String link = link(name, pr);
    call(
        name,
        "statuses for #" + pr,
        () -> {
          if (result.environments().isEmpty()) {
            host.setStatus(
                head,
                new CommitStatus(
                    result.failed() ? CommitStatus.State.FAILURE : CommitStatus.State.SUCCESS,
                    NEUTRAL_CONTEXT,
                    result.message(),
                    link));
          }
          for (EnvironmentPreview e : result.environments()) {
            host.setStatus(
                head,
                new CommitStatus(
                    e.failed() ? CommitStatus.State.FAILURE : CommitStatus.State.SUCCESS,
                    NEUTRAL_CONTEXT + "/" + e.environment(),
                    e.summary(),
                    link));
          }
        });
    Object lock = reportLocks.computeIfAbsent(name.value() + "#" + pr, k -> new Object());
    synchronized (lock) {
      StoredPreview stored = previews.find(name, pr).orElse(null);
      if (stored == null || !stored.head().equals(head)) {
        return; // the newer head writes the comment
      }
      call(
          name,
          "comment on #" + pr,
          () -> {
            String body = PreviewComment.render(response(stored), link, host.maxCommentLength());
            String id =
                host.upsertComment(
                    pr, stored.commentId(), PreviewComment.marker(name.value()), body);
            if (!id.equals(stored.commentId())) {
              previews.recordComment(name, pr, id);
            }
          });
    }
  }

  /** A host call that may fail: logged with the host's status, never the token. */
  private static void call(SourceName name, String what, Runnable call) {
    try {
      call.run();
    } catch (GitHostException e) {
      LOG.warn("source {}: cannot send {} to the Git host: {}", name, what, e.getMessage());
    }
  }

  /** The client of the source's host API, when it has one. */
  Optional<GitHost> host(SourceName name) {
    try {
      Optional<HostApi> api = hostApis.find(name);
      return api.map(hosts::open);
    } catch (RuntimeException e) {
      LOG.warn("source {}: cannot use its Git host API: {}", name, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /** A stored preview as the API shows it. */
  PreviewResponse response(StoredPreview stored) {
    PreviewResult result =
        stored.resultJson() == null
            ? PreviewResult.PENDING
            : PreviewResult.read(json, stored.resultJson());
    return new PreviewResponse(
        stored.source().value(),
        stored.pr(),
        stored.head(),
        stored.baseRef(),
        stored.state(),
        result.trust(),
        result.approvedBy(),
        result.message(),
        result.environments(),
        stored.createdAt(),
        stored.updatedAt());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The host API clients, shared with what else calls the hosts (promotions). */
  public GitHosts hosts() {
    return hosts;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
