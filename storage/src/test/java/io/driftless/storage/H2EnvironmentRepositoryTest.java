package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.EnvironmentCatalogContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2EnvironmentRepositoryTest extends EnvironmentCatalogContract {
  @RegisterExtension static final TestDatabase DATABASE = TestDatabase.h2();

  @Override
  protected Stores open(Clock clock) {
    return DATABASE.stores(clock);
  }

  @Test
  void placesRecordedBeforeRevisionsWereKeptReadWithoutOne() throws Exception {
    String source = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(source));
    Environment env = Fixtures.fullEnvironment(Fixtures.unique("v37"), source);
    stores.environments().register(env);
    // A row as V37 wrote it: the bare state by place.
    try (Connection c = DATABASE.connect();
        PreparedStatement s =
            c.prepareStatement("UPDATE environments SET places_json = ? WHERE name = ?")) {
      s.setString(1, "{\"web1:22\":\"SYNCED\",\"web2:22\":\"FAILED\"}");
      s.setString(2, env.name().value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    assertThat(stores.environments().places(env.name()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "web1:22", new PlaceStatus(PlaceState.SYNCED, null),
                "web2:22", new PlaceStatus(PlaceState.FAILED, null)));
  }
}
