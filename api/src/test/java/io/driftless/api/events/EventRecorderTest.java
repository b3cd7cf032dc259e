package io.driftless.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the event log from a run, and what a quiet scheduled check leaves out. */
class EventRecorderTest {
  private static final EnvironmentName STAGING = EnvironmentName.of("staging");
  private static final RunResult NO_OP = RunResult.noOp(null);
  private static final RunResult SUCCEEDED = RunResult.succeeded(null);

  @Test
  void aQuietCheckLeavesNothingAndACheckThatAppliesIsWrittenUnderItsRun(@TempDir Path dir)
      throws Exception {
    try (TestDatabases db = TestDatabases.open("h2", dir, Clock.systemUTC())) {
      db.storage().sources().register(Source.of(SourceName.of("demo"), "https://example.invalid"));
      db.storage()
          .environments()
          .register(
              new Environment(
                  STAGING,
                  SourceName.of("demo"),
                  "main",
                  "",
                  null,
                  null,
                  TargetSpec.Directory.at(dir),
                  null,
                  null));
      EventLog log = new EventLog(db.storage().events(), Jackson.newObjectMapper());
      EventRecorder recorder =
          new EventRecorder(log, db.storage().environments(), Clock.systemUTC());

      recorder.runStarted(STAGING, null);
      recorder.phaseFinished(STAGING, null, Phase.FETCH, Duration.ofMillis(5));
      recorder.runFinished(STAGING, null, NO_OP);
      assertThat(log.after(0, 100)).isEmpty();

      recorder.runStarted(STAGING, null);
      recorder.phaseFinished(STAGING, null, Phase.FETCH, Duration.ofMillis(5));
      recorder.driftFound(STAGING, List.of(ResourceKey.of("index.html")));
      recorder.phaseFinished(STAGING, RunId.of(9), Phase.APPLY, Duration.ofMillis(7));
      recorder.runFinished(STAGING, RunId.of(9), SUCCEEDED);
      List<RunEvent> events = log.after(0, 100);
      assertThat(events)
          .extracting(RunEvent::type)
          .containsExactly(
              RunEvent.RUN_STARTED,
              RunEvent.RUN_PHASE,
              RunEvent.DRIFT_FOUND,
              RunEvent.RUN_PHASE,
              RunEvent.RUN_FINISHED);
      assertThat(events).extracting(RunEvent::run).containsOnly(9L);
      assertThat(events.get(2).drifted()).containsExactly("index.html");
      assertThat(events.get(4).status()).isEqualTo("succeeded");

      // A check that only sees drift (self-heal off) reports the drift, without a run.
      long last = events.get(4).id();
      recorder.runStarted(STAGING, null);
      recorder.driftFound(STAGING, List.of(ResourceKey.of("app.env")));
      recorder.runFinished(STAGING, null, NO_OP);
      assertThat(log.after(last, 100))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(RunEvent.DRIFT_FOUND);
                assertThat(e.run()).isNull();
              });
    }
  }
}
