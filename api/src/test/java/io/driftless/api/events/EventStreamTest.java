package io.driftless.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.testing.MutableClock;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.glassfish.jersey.media.sse.OutboundEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order, gaps left by slow inserts, and resuming, with the poller driven by hand. */
class EventStreamTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A client: the ids of the events it was sent. */
  static final class Client implements SseEventSink {
    final List<String> ids = new CopyOnWriteArrayList<>();
    boolean closed;

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      if (event.getId() != null) {
        ids.add(event.getId());
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final Sse SSE =
      new Sse() {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
          return new OutboundEvent.Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void waitsForASlowInsertThenGivesAGapUpAndResumesWithoutDuplicates(@TempDir Path dir)
      throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (TestDatabases db = TestDatabases.open("h2", dir, clock)) {
      EventLog log = new EventLog(db.storage().events(), Jackson.newObjectMapper());
      insert(db, 1);
      EventStream stream =
          new EventStream(
              log,
              Jackson.newObjectMapper(),
              clock,
              new EventsConfig(Duration.hours(1), Duration.hours(24), Duration.hours(1)),
              hashes -> hashes);
      stream.start();
      try {
        Client live = new Client();
        stream.subscribe(live, SSE, null, null, null);

        insert(db, 3); // 2 is taken but not yet committed
        stream.poll();
        assertThat(live.ids).containsExactly("3");
        insert(db, 2);
        stream.poll();
        assertThat(live.ids).containsExactly("3", "2");

        insert(db, 5); // 4 never comes
        stream.poll();
        clock.advance(java.time.Duration.ofSeconds(10));
        stream.poll();
        insert(db, 6);
        stream.poll();
        assertThat(live.ids).containsExactly("3", "2", "5", "6");

        Client resumed = new Client();
        stream.subscribe(resumed, SSE, 2L, null, null);
        assertThat(resumed.ids).containsExactly("3", "5", "6");
        insert(db, 7);
        stream.poll();
        assertThat(resumed.ids).containsExactly("3", "5", "6", "7");
        assertThat(live.ids).endsWith("7");

        Client onlyOther = new Client();
        stream.subscribe(onlyOther, SSE, 0L, "other", null);
        assertThat(onlyOther.ids).isEmpty();
      } finally {
        stream.stop();
      }
    }
  }

  @Test
  void aStreamWhoseTokenWasRevokedIsClosedAndTheOthersStay(@TempDir Path dir) throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (TestDatabases db = TestDatabases.open("h2", dir, clock)) {
      Set<String> current = new HashSet<>(Set.of("kept", "revoked"));
      List<Set<String>> asked = new CopyOnWriteArrayList<>();
      EventStream stream =
          new EventStream(
              new EventLog(db.storage().events(), Jackson.newObjectMapper()),
              Jackson.newObjectMapper(),
              clock,
              new EventsConfig(Duration.hours(1), Duration.hours(24), Duration.hours(1)),
              hashes -> {
                asked.add(Set.copyOf(hashes));
                return hashes.stream().filter(current::contains).collect(Collectors.toSet());
              });
      stream.start();
      try {
        Client kept = new Client();
        Client revoked = new Client();
        Client alsoRevoked = new Client();
        stream.subscribe(kept, SSE, null, null, "kept");
        stream.subscribe(revoked, SSE, null, null, "revoked");
        stream.subscribe(alsoRevoked, SSE, null, "web", "revoked");

        stream.closeRevoked();
        assertThat(stream.subscribers()).isEqualTo(3);
        current.remove("revoked");
        stream.closeRevoked();

        assertThat(revoked.closed).isTrue();
        assertThat(alsoRevoked.closed).isTrue();
        assertThat(kept.closed).isFalse();
        assertThat(stream.subscribers()).isEqualTo(1);
        // One question per check, each token once.
        assertThat(asked).containsExactly(Set.of("kept", "revoked"), Set.of("kept", "revoked"));
      } finally {
        stream.stop();
      }
    }
  }

  /** An event with an explicit id, as an insert that took that id would leave it. */
  private static void insert(TestDatabases db, long id) throws java.sql.SQLException {
    try (java.sql.Connection c = db.storage().lentPool().dataSource().getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO run_events (id, at, type, environment, run_id, data)"
                    + " VALUES (?, ?, 'run.started', 'staging', 1, ?)")) {
      s.setLong(1, id);
      s.setObject(2, java.time.OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
      s.setString(
          3,
          "{\"id\":0,\"type\":\"run.started\",\"environment\":\"staging\","
              + "\"run\":1,\"at\":\"2026-01-01T00:00:00Z\"}");
      s.executeUpdate();
    }
  }
}
