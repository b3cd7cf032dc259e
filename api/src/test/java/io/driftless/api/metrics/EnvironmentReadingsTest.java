package io.driftless.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.events.TestDatabases;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-environment gauges' readings, on H2 and PostgreSQL. */
class EnvironmentReadingsTest {
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void resourcesAndLastSuccess(String kind, @TempDir Path dir) throws Exception {
    try (TestDatabases db = TestDatabases.open(kind, dir, Clock.systemUTC())) {
      Storage storage = db.storage();
      EnvironmentReadings readings =
          new EnvironmentReadings(storage.environments(), Clock.systemUTC());
      assertThat(readings.read()).isEmpty();

      storage.sources().register(Source.of(SourceName.of("demo"), "https://example.invalid/r"));
      EnvironmentName name = EnvironmentName.of("staging");
      storage
          .environments()
          .register(
              new Environment(
                  name,
                  SourceName.of("demo"),
                  "main",
                  "env",
                  null,
                  null,
                  TargetSpec.Directory.at(dir.resolve("target")),
                  null,
                  null));
      assertThat(readings.read().get("staging"))
          .isEqualTo(new EnvironmentReadings.Reading(0, null));

      Instant checked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      storage.runs().create(name, Trigger.api("admin", ""), checked.minusSeconds(5));
      storage
          .environments()
          .recordChecked(name, Revision.of("a".repeat(40)), false, false, checked);
      assertThat(readings.read().get("staging").lastSuccess()).isEqualTo(checked);
    }
  }
}
