package io.driftless.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run_events SQL on H2 and PostgreSQL. */
class EventLogTest {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void appendsReadsInOrderAndForgets(String kind, @TempDir Path dir) throws Exception {
    try (TestDatabases db = TestDatabases.open(kind, dir, Clock.systemUTC())) {
      EventLog log = new EventLog(db.storage().events(), JSON);
      assertThat(log.newestId()).isZero();
      Instant at = Instant.parse("2026-01-01T00:00:00.123456Z");
      long a = log.append(event(RunEvent.RUN_STARTED, 7L, at, null, null));
      long b = log.append(event(RunEvent.RUN_PHASE, 7L, at, "fetch", 0.25));
      long c = log.append(event(RunEvent.DRIFT_FOUND, null, at, null, null));
      assertThat(List.of(a, b, c)).isSorted().doesNotHaveDuplicates();
      assertThat(log.newestId()).isEqualTo(c);

      List<RunEvent> all = log.after(0, 10);
      assertThat(all).extracting(RunEvent::id).containsExactly(a, b, c);
      assertThat(all.get(1)).isEqualTo(event(RunEvent.RUN_PHASE, 7L, at, "fetch", 0.25).withId(b));
      assertThat(all.get(2).run()).isNull();
      assertThat(log.after(a, 1)).extracting(RunEvent::id).containsExactly(b);

      assertThat(log.forgetBefore(at)).isZero();
      assertThat(log.forgetBefore(at.plusSeconds(1))).isEqualTo(3);
      assertThat(log.after(0, 10)).isEmpty();
    }
  }

  private static RunEvent event(String type, Long run, Instant at, String phase, Double seconds) {
    return new RunEvent(0, type, "staging", run, at, phase, seconds, null, null, null, null);
  }
}
