package io.driftless.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.DaemonThreads;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the {@link EventLog} to this replica's SSE clients. One poller per replica reads new rows
 * in id order; since ids are handed out before their transactions commit, a missing id is waited
 * for a little before it is given up, so a slow insert is not skipped. A client that reconnects
 * with {@code Last-Event-ID} first gets what it missed, then the live stream, without duplicates.
 * Every few seconds the tokens of the open streams are checked again, in the database every replica
 * shares, and a stream whose token was revoked is closed.
 */
public final class EventStream implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final int BATCH = 500;
  private static final int MAX_REPLAY = 10_000;
  private static final Duration GAP_GRACE = Duration.ofSeconds(3);

  /** How often open streams' tokens are checked: a revoked token's stream ends within this. */
  static final Duration TOKEN_CHECK = Duration.ofSeconds(3);

  private final EventLog log;
  private final ObjectMapper json;
  private final Clock clock;
  private final EventsConfig config;
  private final CurrentTokens tokens;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService executor;

  // Every id up to cursor was delivered or given up; delivered holds the ones above it.
  private long cursor;
  private final TreeSet<Long> delivered = new TreeSet<>();
  private Instant gapSince;

  /**
   * @param tokenHash the SHA-256 of the token the stream was opened with; null when opened without
   *     one (only in tests)
   */
  private record Subscriber(SseEventSink sink, Sse sse, String environment, String tokenHash) {
    boolean wants(RunEvent e) {
      return environment == null || environment.equals(e.environment());
    }
  }

  public EventStream(
      EventLog log, ObjectMapper json, Clock clock, EventsConfig config, CurrentTokens tokens) {
    this.log = log;
    this.json = json;
    this.clock = clock;
    this.config = config;
    this.tokens = tokens;
  }

  @Override
  public synchronized void start() {
    cursor = log.newestId();
    executor = DaemonThreads.scheduler("driftless-events");
    long poll = config.pollInterval().toMilliseconds();
    executor.scheduleWithFixedDelay(() -> guard(this::poll), poll, poll, TimeUnit.MILLISECONDS);
    long keepAlive = config.keepAlive().toMilliseconds();
    executor.scheduleWithFixedDelay(
        () -> guard(this::keepAlive), keepAlive, keepAlive, TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        () -> guard(this::closeRevoked),
        TOKEN_CHECK.toMillis(),
        TOKEN_CHECK.toMillis(),
        TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(() -> guard(this::forgetOld), 1, 60, TimeUnit.MINUTES);
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
    closeClients();
  }

  /**
   * Ends every client's stream as soon as the server begins to stop: Jetty's graceful stop would
   * otherwise wait its whole timeout for these endless responses. Clients reconnect elsewhere.
   */
  public LifeCycle.Listener closingOnStop() {
    return new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(LifeCycle event) {
        closeClients();
      }
    };
  }

  private void closeClients() {
    for (Subscriber s : subscribers) {
      try {
        s.sink().close();
      } catch (RuntimeException e) {
        LOG.debug("closing an event stream: {}", e.toString());
      }
    }
    subscribers.clear();
  }

  /**
   * Adds a client: replays the events after {@code lastEventId} (null for none) that the live
   * stream has passed already, then streams.
   *
   * @param environment only this environment's events; null for all
   * @param tokenHash the SHA-256 of the client's token, checked again every few seconds
   */
  public synchronized void subscribe(
      SseEventSink sink, Sse sse, Long lastEventId, String environment, String tokenHash) {
    Subscriber subscriber = new Subscriber(sink, sse, environment, tokenHash);
    if (lastEventId != null) {
      long from = lastEventId;
      int sent = 0;
      while (sent < MAX_REPLAY) {
        List<RunEvent> page = log.after(from, BATCH);
        for (RunEvent e : page) {
          if (e.id() <= cursor || delivered.contains(e.id())) {
            if (subscriber.wants(e) && !send(subscriber, e)) {
              return;
            }
          }
          from = e.id();
          sent++;
        }
        long passed = delivered.isEmpty() ? cursor : Math.max(cursor, delivered.last());
        if (page.size() < BATCH || from >= passed) {
          break;
        }
      }
    }
    subscribers.add(subscriber);
    // The headers go out now, so a client sees the stream open before the first event.
    send(subscriber, null);
  }

  /** How many clients are connected to this replica. */
  public int subscribers() {
    return subscribers.size();
  }

  synchronized void poll() {
    while (true) {
      List<RunEvent> page = log.after(cursor, BATCH);
      for (RunEvent e : page) {
        if (delivered.add(e.id())) {
          broadcast(e);
        }
      }
      advance();
      if (page.size() < BATCH) {
        return;
      }
    }
  }

  /** Moves the cursor over delivered ids, and over a gap that stayed open too long. */
  private void advance() {
    while (!delivered.isEmpty()) {
      long next = delivered.first();
      if (next == cursor + 1) {
        cursor = next;
        delivered.pollFirst();
        gapSince = null;
        continue;
      }
      Instant now = clock.instant();
      if (gapSince == null) {
        gapSince = now;
        return;
      }
      if (Duration.between(gapSince, now).compareTo(GAP_GRACE) < 0 && delivered.size() < BATCH) {
        return;
      }
      // The missing ids were rolled back or skipped by the sequence: give them up.
      cursor = next;
      delivered.pollFirst();
      gapSince = null;
    }
  }

  private void broadcast(RunEvent e) {
    for (Subscriber s : subscribers) {
      if (s.wants(e)) {
        send(s, e);
      }
    }
  }

  private void keepAlive() {
    for (Subscriber s : subscribers) {
      send(s, null);
    }
  }

  /** Closes the streams whose token was revoked (on any replica: the database is asked). */
  void closeRevoked() {
    Set<String> open = new HashSet<>();
    for (Subscriber s : subscribers) {
      if (s.tokenHash() != null) {
        open.add(s.tokenHash());
      }
    }
    if (open.isEmpty()) {
      return;
    }
    Set<String> current = tokens.current(open);
    for (Subscriber s : subscribers) {
      if (s.tokenHash() != null && !current.contains(s.tokenHash())) {
        subscribers.remove(s);
        try {
          s.sink().close();
        } catch (RuntimeException e) {
          LOG.debug("closing an event stream: {}", e.toString());
        }
      }
    }
  }

  private void forgetOld() {
    int gone = log.forgetBefore(clock.instant().minusMillis(config.retention().toMilliseconds()));
    if (gone > 0) {
      LOG.debug("forgot {} run events older than {}", gone, config.retention());
    }
  }

  /** Sends an event, or a comment when {@code e} is null; false once the client is gone. */
  private boolean send(Subscriber s, RunEvent e) {
    if (s.sink().isClosed()) {
      subscribers.remove(s);
      return false;
    }
    try {
      OutboundSseEvent event =
          e == null
              ? s.sse().newEventBuilder().comment("keep-alive").build()
              : s.sse()
                  .newEventBuilder()
                  .id(Long.toString(e.id()))
                  .name(e.type())
                  .mediaType(MediaType.APPLICATION_JSON_TYPE)
                  .data(String.class, json.writeValueAsString(e))
                  .build();
      s.sink()
          .send(event)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  subscribers.remove(s);
                  s.sink().close();
                }
              });
      return true;
    } catch (JsonProcessingException | RuntimeException failure) {
      subscribers.remove(s);
      s.sink().close();
      return false;
    }
  }

  private static void guard(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("event stream: {}", e.toString());
    }
  }
}
