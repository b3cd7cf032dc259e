package io.driftless.api.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.webhook.PushEvent.RefUpdate;
import io.driftless.api.webhook.WebhookReceipt.QueuedRun;
import io.driftless.api.webhook.WebhookReceipt.Skipped;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.port.DeliveryLog;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.SourceView;
import io.driftless.engine.reconcile.SyncDecision;
import io.driftless.engine.reconcile.SyncQuestion;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.driftless.scheduler.RunRequests;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Git host's push delivery into queued runs: reads the payload, finds the sources whose
 * repository it names, checks the signature with each source's secret in constant time, drops
 * repeated deliveries, and asks the scheduler for a run of every environment that follows a pushed
 * ref. The scheduler coalesces a burst of pushes into one run at the newest revision. Neither the
 * secret nor the signature headers are ever logged or echoed.
 */
public final class WebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  /** The "provider" under which body hashes are recorded, whichever path they came in on. */
  private static final String BODY_KEY = "body-sha256";

  private final SourceCatalog sources;
  private final EnvironmentCatalog environments;
  private final DeliveryLog deliveries;
  private final RunRequests scheduler;
  private final ObjectMapper json;
  private final long maxBodySize;
  private final FailureLimiter limiter;
  private final Set<String> trustedProxies;
  private final Counter requests;
  private final PullRequestListener pullRequests;

  /**
   * @param stores the sources a delivery may name, the environments that follow their refs, and the
   *     log of deliveries already seen
   * @param pullRequests who hears authentic pull-request events (the previews), or {@link
   *     PullRequestListener#NONE}
   */
  public WebhookReceiver(
      Stores stores,
      RunRequests scheduler,
      ObjectMapper json,
      WebhookConfig config,
      Clock clock,
      PrometheusRegistry registry,
      PullRequestListener pullRequests) {
    this.pullRequests = pullRequests;
    this.sources = stores.sources();
    this.environments = stores.environments();
    this.deliveries = stores.deliveries();
    this.scheduler = scheduler;
    this.json = json;
    this.maxBodySize = config.maxBodySize().toBytes();
    this.limiter = new FailureLimiter(config.failureBurst(), config.failuresPerMinute(), clock);
    this.trustedProxies = Set.copyOf(config.trustedProxies());
    this.requests =
        Counter.builder()
            .name("driftless_webhook_requests_total")
            .help("Webhook deliveries received, by provider and result")
            .labelNames("provider", "result")
            .register(registry);
  }

  /**
   * One delivery as it arrived. Header names are case-insensitive; {@code client} is the socket's
   * peer address, never a forwarded header.
   */
  public record Delivery(
      String provider,
      Map<String, String> headers,
      String contentType,
      long contentLength,
      InputStream body,
      String client) {}

  /**
   * Handles one delivery.
   *
   * @throws WebhookRejection for every refusal, with its status
   */
  public WebhookReceipt receive(Delivery delivery) {
    String providerLabel = "unknown";
    WebhookResult result = WebhookResult.FAILED;
    try {
      WebhookProvider provider =
          WebhookProvider.named(delivery.provider())
              .orElseThrow(
                  () ->
                      new WebhookRejection(
                          WebhookResult.UNKNOWN_PROVIDER,
                          "unknown webhook provider; use github, gitlab, gitea, bitbucket or"
                              + " generic"));
      providerLabel = provider.label();
      WebhookReceipt receipt = receive(provider, delivery);
      result = WebhookResult.valueOf(receipt.result().toUpperCase(java.util.Locale.ROOT));
      return receipt;
    } catch (WebhookRejection e) {
      // Unknown repository, no secret and a bad signature are told apart only in the log.
      WebhookRejection answer = e.result().unauthorized() ? unauthorized() : e;
      String client = ClientAddress.of(delivery.client(), delivery.headers(), trustedProxies);
      if (e.result().unauthenticated() && !limiter.failure(client)) {
        answer =
            new WebhookRejection(
                WebhookResult.RATE_LIMITED,
                "too many failed deliveries from this address; retry later",
                Map.of("retryAfter", Long.toString(limiter.retryAfterSeconds())));
      } else {
        LOG.info(
            "webhook {} from {} refused ({}): {}",
            providerLabel,
            client,
            e.result().label(),
            e.getMessage());
      }
      result = answer.result();
      throw answer;
    } finally {
      requests.labelValues(providerLabel, result.label()).inc();
    }
  }

  private WebhookReceipt receive(WebhookProvider provider, Delivery delivery) {
    byte[] body = read(delivery);
    PushEvent push = parse(provider, delivery, body);

    Set<RepositoryUrl> named = new HashSet<>();
    for (String url : push.repositoryUrls()) {
      RepositoryUrl key = RepositoryUrl.of(url);
      if (key != null) {
        named.add(key);
      }
    }
    List<Source> matching = new ArrayList<>();
    for (SourceView view : sources.list()) {
      if (named.contains(RepositoryUrl.of(view.url()))) {
        sources.find(view.name()).ifPresent(matching::add);
      }
    }
    if (matching.isEmpty()) {
      throw new WebhookRejection(
          WebhookResult.UNKNOWN_REPOSITORY, "no registered source has this repository");
    }
    List<Source> withSecret = matching.stream().filter(s -> s.webhookSecret() != null).toList();
    if (withSecret.isEmpty()) {
      throw new WebhookRejection(
          WebhookResult.NO_SECRET,
          "the source of this repository has no webhook secret, so webhooks cannot trigger it");
    }
    List<Source> authentic =
        withSecret.stream()
            .filter(s -> provider.authentic(delivery.headers(), body, s.webhookSecret().reveal()))
            .toList();
    if (authentic.isEmpty()) {
      throw new WebhookRejection(
          WebhookResult.BAD_SIGNATURE, "the signature does not match the source's webhook secret");
    }

    String id = provider.deliveryId(delivery.headers());
    if (seenBefore(provider, id, body)) {
      LOG.info("webhook {} delivery {} seen before; ignored", provider.label(), id);
      return WebhookReceipt.of(
          WebhookResult.DUPLICATE, id, "this delivery was received before", null, null);
    }
    if (push.pullRequest() != null) {
      return preview(provider, id, push.pullRequest(), authentic);
    }
    if (!push.push()) {
      return WebhookReceipt.of(WebhookResult.IGNORED, id, "not a push event", null, null);
    }
    return queue(provider, id, push, authentic);
  }

  /**
   * Whether this delivery was received before, by the host's delivery id or by its body: a signed
   * body replayed under a new (unsigned) delivery id is the same event. Both keys are recorded
   * every time, and only for authentic deliveries, so no one without the secret can fill them.
   */
  private boolean seenBefore(WebhookProvider provider, String id, byte[] body) {
    boolean newId = id == null || deliveries.firstDelivery(provider.label(), id);
    boolean newBody = deliveries.firstDelivery(BODY_KEY, Signatures.sha256Hex(body));
    return !newId || !newBody;
  }

  private static WebhookRejection unauthorized() {
    return new WebhookRejection(
        WebhookResult.UNAUTHORIZED,
        "the delivery could not be authenticated for a registered repository");
  }

  private WebhookReceipt preview(
      WebhookProvider provider, String id, PullRequestEvent event, List<Source> authentic) {
    List<Source> current = newestEventOf(event, authentic);
    if (current.isEmpty()) {
      LOG.info(
          "webhook {} delivery {}: pull request #{} has an event newer than {}; ignored",
          provider.label(),
          id,
          event.number(),
          event.updatedAt());
      return WebhookReceipt.of(
          WebhookResult.IGNORED,
          id,
          "a newer event of pull request #" + event.number() + " was received",
          null,
          null);
    }
    if (event.closed()) {
      pullRequests.closed(current, event);
      LOG.info(
          "webhook {} delivery {}: pull request #{} closed", provider.label(), id, event.number());
      return WebhookReceipt.of(
          WebhookResult.CLOSED,
          id,
          "pull request #" + event.number() + " closed; its previews are deleted by retention",
          null,
          null);
    }
    List<String> previews = pullRequests.pullRequest(provider, current, event);
    if (previews.isEmpty()) {
      return WebhookReceipt.of(
          WebhookResult.IGNORED, id, "pull-request previews are not enabled", null, null);
    }
    LOG.info(
        "webhook {} delivery {}: preview of pull request #{} at {}",
        provider.label(),
        id,
        event.number(),
        shortId(event.head()));
    return WebhookReceipt.of(
        WebhookResult.PREVIEW,
        id,
        "previewing pull request #"
            + event.number()
            + " at "
            + shortId(event.head())
            + ": "
            + String.join(", ", previews),
        null,
        null);
  }

  /**
   * The sources for which this is the newest event of the pull request, by the host's update time:
   * a replayed or late older event must not move a preview back to an old head, while a force-push
   * to an older commit is a newer event and goes through. Without an update time, all of them.
   */
  private List<Source> newestEventOf(PullRequestEvent event, List<Source> authentic) {
    if (event.updatedAt() == null) {
      return authentic;
    }
    return authentic.stream()
        .filter(s -> deliveries.newestPullRequestEvent(s.name(), event.number(), event.updatedAt()))
        .toList();
  }

  private WebhookReceipt queue(
      WebhookProvider provider, String id, PushEvent push, List<Source> authentic) {
    List<QueuedRun> runs = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    int failed = 0;
    for (Source source : authentic) {
      for (EnvironmentSummary summary : environmentsOf(source)) {
        Environment environment = summary.environment();
        RefUpdate update =
            push.updates().stream()
                .filter(u -> u.movesRef(environment.ref()))
                .findFirst()
                .orElse(null);
        if (update == null) {
          continue;
        }
        String name = environment.name().value();
        String why = skipReason(summary);
        if (why != null) {
          skipped.add(new Skipped(name, why));
          continue;
        }
        try {
          var queued = request(environment, trigger(provider, id, update));
          runs.add(
              new QueuedRun(
                  queued.run().value(),
                  name,
                  queued.coalesced(),
                  "/api/v1/runs/" + queued.run().value()));
        } catch (RuntimeException e) {
          failed++;
          LOG.warn(
              "webhook {}: cannot queue a run of {}: {}", provider.label(), name, e.toString());
          skipped.add(new Skipped(name, "could not queue a run; see the server log"));
        }
      }
    }
    if (!runs.isEmpty()) {
      LOG.info(
          "webhook {} delivery {}: queued {}",
          provider.label(),
          id,
          runs.stream().map(r -> r.environment() + "#" + r.run()).toList());
      return WebhookReceipt.of(WebhookResult.QUEUED, id, null, runs, skipped);
    }
    if (failed > 0) {
      throw new WebhookRejection(WebhookResult.FAILED, "no run could be queued; retry later");
    }
    String refs = String.join(", ", push.updates().stream().map(RefUpdate::ref).toList());
    return WebhookReceipt.of(
        WebhookResult.IGNORED,
        id,
        skipped.isEmpty()
            ? "no environment follows " + (refs.isEmpty() ? "the pushed refs" : refs)
            : "every environment that follows the pushed refs was skipped",
        null,
        skipped);
  }

  /** Why a push does not sync this environment; null when it does. The engine's rule decides. */
  private static String skipReason(EnvironmentSummary summary) {
    return SyncDecision.decide(SyncQuestion.ofPush(summary.environment().sync(), summary.state()))
        .pushSkipped()
        .orElse(null);
  }

  private List<EnvironmentSummary> environmentsOf(Source source) {
    List<EnvironmentSummary> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<EnvironmentSummary> page =
          environments.list(
              new EnvironmentQuery(null, source.name(), null, cursor, Page.MAX_LIMIT));
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /** Queues through the scheduler; an environment registered before its job existed gets one. */
  private io.driftless.scheduler.QueuedRun request(Environment environment, Trigger trigger) {
    // No revision: the run resolves the ref when it starts, so it applies the newest push and a
    // pinned environment keeps its pin.
    try {
      return scheduler.request(environment.name(), trigger, SyncOptions.defaults());
    } catch (UnknownEnvironmentException e) {
      scheduler.schedule(environment);
      return scheduler.request(environment.name(), trigger, SyncOptions.defaults());
    }
  }

  private static Trigger trigger(WebhookProvider provider, String id, RefUpdate update) {
    String at = update.revision() == null ? "" : " at " + shortId(update.revision());
    String delivery = id == null ? "" : " (delivery " + id + ")";
    return new Trigger(
        TriggerType.WEBHOOK, provider.label(), "push to " + update.ref() + at + delivery);
  }

  private static String shortId(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  private byte[] read(Delivery delivery) {
    if (delivery.contentLength() > maxBodySize) {
      throw tooLarge();
    }
    try (InputStream in = delivery.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBodySize) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private WebhookRejection tooLarge() {
    return new WebhookRejection(
        WebhookResult.TOO_LARGE,
        "the body is larger than " + maxBodySize + " bytes",
        Map.of("limit", Long.toString(maxBodySize)));
  }

  private PushEvent parse(WebhookProvider provider, Delivery delivery, byte[] body) {
    try {
      JsonNode payload = json.readTree(payloadText(delivery.contentType(), body));
      if (payload == null || !payload.isObject()) {
        throw new WebhookRejection(WebhookResult.MALFORMED, "the body is not a JSON object");
      }
      return provider.read(delivery.headers(), payload);
    } catch (JsonProcessingException e) {
      throw new WebhookRejection(WebhookResult.MALFORMED, "the body is not valid JSON");
    } catch (IllegalArgumentException e) {
      throw new WebhookRejection(
          WebhookResult.MALFORMED, "the body is not a " + provider.label() + " push payload");
    }
  }

  /** GitHub may send {@code payload=<json>} form-encoded; the signature covers the raw body. */
  private static String payloadText(String contentType, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      for (String pair : text.split("&")) {
        if (pair.startsWith("payload=")) {
          return URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
        }
      }
      throw new IllegalArgumentException("no payload field");
    }
    return text;
  }
}
