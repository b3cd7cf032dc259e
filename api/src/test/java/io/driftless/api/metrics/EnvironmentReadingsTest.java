package io.driftless.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.events.TestDatabases;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.storage.Storage;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-environment gauges' readings and an ssh environment's hosts, on H2 and PostgreSQL. */
class EnvironmentReadingsTest {
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void resourcesAndLastSuccess(String kind, @TempDir Path dir) throws Exception {
    try (TestDatabases db = TestDatabases.open(kind, dir, Clock.systemUTC())) {
      Storage storage = db.storage();
      EnvironmentReadings readings =
          new EnvironmentReadings(storage.environments(), Clock.systemUTC());
      assertThat(readings.read()).isEmpty();

      EnvironmentName name =
          register(storage, "staging", TargetSpec.Directory.at(dir.resolve("target")));
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

  /** An ssh environment's hosts by state: in its status, and in a gauge with no host label. */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theStatusAndTheGaugeCountHostsByState(String kind, @TempDir Path dir) throws Exception {
    try (TestDatabases db = TestDatabases.open(kind, dir, Clock.systemUTC())) {
      Storage storage = db.storage();
      storage
          .stores()
          .credentials()
          .add(
              CredentialName.of("fleet"),
              new Credential.SshKey(Secret.of("key"), null),
              CredentialOrigins.none(),
              List.of(),
              "a");
      EnvironmentName name =
          register(
              storage,
              "edge",
              new TargetSpec.Ssh(
                  List.of("web1:22", "web2:22", "web3:22", "web4:22"),
                  "deploy",
                  CredentialName.of("fleet"),
                  "web* ssh-ed25519 AAAA",
                  "/srv/edge",
                  null,
                  null,
                  null,
                  null));
      storage
          .environments()
          .recordPlaces(
              name,
              Map.of(
                  "web1:22", new PlaceStatus(PlaceState.SYNCED, Revision.of("a".repeat(40))),
                  "web2:22", new PlaceStatus(PlaceState.SYNCED, null),
                  "web3:22", new PlaceStatus(PlaceState.DRIFTED, null),
                  "web4:22", new PlaceStatus(PlaceState.FAILED, null)));

      EnvironmentResponse status =
          EnvironmentResponse.from(storage.environments().view(name).orElseThrow());
      assertThat(status.hosts())
          .isEqualTo(
              new EnvironmentResponse.HostsView(
                  2,
                  1,
                  0,
                  1,
                  Map.of(
                      "web1:22", "synced",
                      "web2:22", "synced",
                      "web3:22", "drifted",
                      "web4:22", "failed"),
                  Map.of("web1:22", "a".repeat(40))));

      PrometheusRegistry registry = new PrometheusRegistry();
      new EnvironmentMetrics(storage.environments(), Clock.systemUTC(), registry);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("driftless_environment_hosts{environment=\"edge\",state=\"synced\"} 2.0")
          .contains("driftless_environment_hosts{environment=\"edge\",state=\"drifted\"} 1.0")
          .contains("driftless_environment_hosts{environment=\"edge\",state=\"out_of_sync\"} 0.0")
          .contains("driftless_environment_hosts{environment=\"edge\",state=\"failed\"} 1.0");
    }
  }

  private static EnvironmentName register(Storage storage, String name, TargetSpec target) {
    storage.sources().register(Source.of(SourceName.of("demo"), "https://example.invalid/r"));
    storage
        .environments()
        .register(
            new Environment(
                EnvironmentName.of(name),
                SourceName.of("demo"),
                "main",
                "env",
                null,
                null,
                target,
                null,
                null));
    return EnvironmentName.of(name);
  }
}
