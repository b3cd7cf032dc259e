package io.driftless.api.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.DaemonThreads;
import io.driftless.engine.port.NotificationClaims;
import io.driftless.engine.port.NotificationTargets;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.NotificationTarget;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications off the run's thread: a bounded amount of work waits or is in flight, more
 * is dropped and counted; each (environment, event, target) is sent at most once per quiet period,
 * decided in the database so replicas agree; each delivery is retried with exponential backoff up
 * to a bounded number of attempts, each attempt bounded by connect and read timeouts. Outcomes are
 * metrics. Nothing here ever throws into a run.
 */
public final class Deliveries implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  static final String SIGNATURE_HEADER = "X-Driftless-Signature";

  /** How often old quiet-period rows are deleted, and the least they are kept. */
  private static final Duration FORGET_EVERY = Duration.ofHours(1);

  private static final Duration KEEP_AT_LEAST = Duration.ofDays(1);

  private final NotificationsConfig config;
  private final List<NotificationTarget> globalTargets;
  private final NotificationTargets environmentTargets;
  private final NotificationClaims sends;
  private final Payloads payloads;
  private final Clock clock;
  private final HttpClient http;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService retries;
  private final Semaphore room;
  private final Counter notifications;
  private final Counter attempts;
  private final Counter dropped;
  private final AtomicLong nextForget = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param stores where environments' own targets are read and the sends of events claimed
   */
  public Deliveries(
      NotificationsConfig config,
      Stores stores,
      ObjectMapper json,
      Clock clock,
      PrometheusRegistry registry) {
    this.config = config;
    this.globalTargets = config.buildTargets();
    this.environmentTargets = stores.notifications();
    this.sends = stores.notificationClaims();
    this.payloads = new Payloads(json, config.externalUrl());
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout().toJavaDuration())
            .followRedirects(HttpClient.Redirect.NEVER)
            // No h2c upgrade on plain http: receivers are often small servers that mishandle it.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.workers =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("driftless-notify-"));
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("driftless-notify-retry-"));
    this.room = new Semaphore(config.queueCapacity());
    this.notifications =
        Counter.builder()
            .name("driftless_notifications_total")
            .help(
                "Notifications by target type, event and outcome: delivered, failed (every"
                    + " attempt failed), suppressed (sent within the quiet period)")
            .labelNames("target_type", "event", "outcome")
            .register(registry);
    this.attempts =
        Counter.builder()
            .name("driftless_notification_attempts_total")
            .help(
                "HTTP attempts to deliver notifications, retries included, by target type and"
                    + " result: success, error_status, timeout, connection_error")
            .labelNames("target_type", "result")
            .register(registry);
    this.dropped =
        Counter.builder()
            .name("driftless_notifications_dropped_total")
            .help("Notification work dropped because the delivery queue was full")
            .register(registry);
    GaugeWithCallback.builder()
        .name("driftless_notifications_pending")
        .help("Notification work waiting or being delivered, retries included")
        .callback(cb -> cb.call(config.queueCapacity() - room.availablePermits()))
        .register(registry);
  }

  /** Whether notifications are on; off, nothing is queued. */
  public boolean enabled() {
    return config.enabled();
  }

  /**
   * Queues the events {@code resolve} finds (it runs on a delivery thread, so it may read the
   * database). Never blocks: when the queue is full the work is dropped and counted.
   *
   * @return whether the work was queued
   */
  public boolean submit(Callable<List<NotificationEvent>> resolve) {
    if (!config.enabled()) {
      return false;
    }
    if (!room.tryAcquire()) {
      dropped.inc();
      LOG.warn("notification queue is full ({}): an event was dropped", config.queueCapacity());
      return false;
    }
    Job job = new Job();
    try {
      workers.execute(() -> job.run(resolve));
      return true;
    } catch (RejectedExecutionException e) {
      room.release(); // shutting down
      return false;
    }
  }

  /** Stops delivering; what is still queued is given up. */
  @Override
  public void close() {
    retries.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One piece of submitted work: holds its place in the queue until its last delivery ends. */
  private final class Job {
    private final AtomicInteger open = new AtomicInteger(1);

    void run(Callable<List<NotificationEvent>> resolve) {
      try {
        forgetOldSends();
        for (NotificationEvent event : resolve.call()) {
          for (NotificationTarget target : targets(event)) {
            Optional<Instant> claimed =
                sends.claimAt(
                    event.environment(),
                    event.kind().wireName(),
                    key(target),
                    config.quietPeriod().toJavaDuration());
            if (claimed.isEmpty()) {
              notifications.labelValues(label(target), event.kind().wireName(), "suppressed").inc();
              continue;
            }
            Delivery delivery = new Delivery(this, event, target, claimed.get());
            open.incrementAndGet();
            delivery.queue();
          }
        }
      } catch (Exception e) {
        LOG.warn("could not prepare notifications: {}", e.toString());
      } finally {
        done();
      }
    }

    void done() {
      if (open.decrementAndGet() == 0) {
        room.release();
      }
    }
  }

  /** At most hourly: sends long past their quiet period would only grow the table. */
  private void forgetOldSends() {
    long now = clock.millis();
    long next = nextForget.get();
    if (now < next || !nextForget.compareAndSet(next, now + FORGET_EVERY.toMillis())) {
      return;
    }
    Duration quiet = config.quietPeriod().toJavaDuration();
    Duration keep = quiet.compareTo(KEEP_AT_LEAST) > 0 ? quiet : KEEP_AT_LEAST;
    sends.forgetBefore(clock.instant().minus(keep));
  }

  private List<NotificationTarget> targets(NotificationEvent event) {
    List<NotificationTarget> all = new ArrayList<>(globalTargets);
    all.addAll(environmentTargets.targets(event.environment()));
    return all.stream().filter(t -> t.wants(event.kind().wireName())).toList();
  }

  /** One event to one target, over one or more attempts; the delivery id stays the same. */
  private final class Delivery {
    private final Job job;
    private final NotificationEvent event;
    private final NotificationTarget target;
    private final Instant claimedAt;
    private final String id = UUID.randomUUID().toString();
    private final byte[] body;
    private int attempt;

    Delivery(Job job, NotificationEvent event, NotificationTarget target, Instant claimedAt) {
      this.job = job;
      this.event = event;
      this.target = target;
      this.claimedAt = claimedAt;
      this.body =
          target.type() == NotificationTarget.Type.SLACK
              ? payloads.slack(event)
              : payloads.generic(event, id);
    }

    void attempt() {
      attempt++;
      String failure;
      boolean retryable;
      try {
        HttpResponse<Void> response = http.send(request(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status / 100 == 2) {
          attempts.labelValues(label(target), "success").inc();
          finish("delivered", null);
          return;
        }
        attempts.labelValues(label(target), "error_status").inc();
        failure = "status " + status;
        retryable = status >= 500 || status == 408 || status == 429;
      } catch (HttpTimeoutException e) {
        attempts.labelValues(label(target), "timeout").inc();
        failure = "timed out";
        retryable = true;
      } catch (IOException | IllegalArgumentException e) {
        attempts.labelValues(label(target), "connection_error").inc();
        failure = e.getClass().getSimpleName();
        retryable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish("failed", "interrupted by shutdown");
        return;
      } catch (RuntimeException e) {
        attempts.labelValues(label(target), "connection_error").inc();
        failure = e.getClass().getSimpleName(); // its message may hold the URL
        retryable = false;
      }
      if (!retryable || attempt >= config.maxAttempts()) {
        finish("failed", failure);
        return;
      }
      try {
        retries.schedule(this::queue, backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        finish("failed", "shutting down");
      }
    }

    void queue() {
      try {
        workers.execute(this::attempt);
      } catch (RejectedExecutionException e) {
        finish("failed", "shutting down");
      }
    }

    private HttpRequest request() {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target.url().reveal()))
              .timeout(config.readTimeout().toJavaDuration())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Driftless-Notifications")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (target.type() == NotificationTarget.Type.WEBHOOK) {
        request
            .header("X-Driftless-Event", event.kind().wireName())
            .header("X-Driftless-Delivery", id)
            .header("X-Driftless-Timestamp", Long.toString(clock.instant().getEpochSecond()));
        if (target.signingKey() != null) {
          request.header(
              SIGNATURE_HEADER,
              Payloads.signature(
                  target.signingKey().reveal().getBytes(StandardCharsets.UTF_8), body));
        }
      }
      return request.build();
    }

    private void finish(String outcome, String failure) {
      notifications.labelValues(label(target), event.kind().wireName(), outcome).inc();
      if (failure != null) {
        releaseClaim();
        // The URL is a credential: the host is all that is logged.
        LOG.warn(
            "notification {} of environment {} to {} target at {} failed after {} attempt(s): {}",
            event.kind().wireName(),
            event.environment(),
            label(target),
            target.summary().host(),
            attempt,
            failure);
      }
      job.done();
    }

    /**
     * Nothing reached the receiver: the quiet period is given back, so the next event of this kind
     * is sent rather than swallowed. A dead receiver then gets each event's attempts, no more.
     */
    private void releaseClaim() {
      try {
        sends.release(event.environment(), event.kind().wireName(), key(target), claimedAt);
      } catch (RuntimeException e) {
        LOG.warn(
            "could not release the quiet period of notification {} of environment {}: {}",
            event.kind().wireName(),
            event.environment(),
            e.toString());
      }
    }
  }

  /** The wait before attempt {@code n + 1}: backoff, doubled each time, at most maxBackoff. */
  Duration backoff(int n) {
    Duration first = config.backoff().toJavaDuration();
    Duration max = config.maxBackoff().toJavaDuration();
    Duration wait = first.multipliedBy(1L << Math.min(n - 1, 30));
    return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
  }

  /** A stable name for a target in the quiet-period table: a digest of its kind and URL. */
  static String key(NotificationTarget target) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(target.type().name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(target.url().reveal().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String label(NotificationTarget target) {
    return target.type().label();
  }
}
