package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Source;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.SourceCatalogContract;
import io.driftless.storage.crypto.SecretDecryptionException;
import io.driftless.storage.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.SourceRepository} against a real database. */
public abstract class SourceRepositoryContractTest extends SourceCatalogContract {
  @Test
  void theRawColumnsHoldNoPlainText(TestDatabase database) throws Exception {
    Source source = Fixtures.secretSource(Fixtures.unique("raw"));
    stores.sources().register(source);

    StringBuilder raw = new StringBuilder();
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement("SELECT * FROM sources WHERE name = ?")) {
      s.setString(1, source.name().value());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          raw.append(rs.getString(i)).append('|');
        }
      }
    }

    assertThat(raw.toString())
        .contains(source.url())
        .contains("v1:")
        .doesNotContain("ghp_readTOKEN")
        .doesNotContain("WRITEKEY")
        .doesNotContain("passphrase_")
        .doesNotContain("webhookSECRET")
        .doesNotContain("x-access-token");
  }

  @Test
  void anotherKeyCannotReadTheSecrets(TestDatabase database) throws Exception {
    Source source = Fixtures.secretSource(Fixtures.unique("otherkey"));
    stores.sources().register(source);
    Path otherKey = database.dir().resolve("other.key");
    Files.writeString(otherKey, Base64.getEncoder().encodeToString(new byte[32]));

    try (Storage other =
        Storage.open(database.config().withKeyFile(otherKey).withPoolSize(2), clock)) {
      assertThatThrownBy(() -> other.sources().find(source.name()))
          .isInstanceOf(SecretDecryptionException.class);
      assertThat(other.sources().view(source.name())).isPresent();
    }
  }
}
