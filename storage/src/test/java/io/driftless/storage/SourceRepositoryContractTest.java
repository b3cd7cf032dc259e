package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.storage.crypto.SecretDecryptionException;
import io.driftless.storage.model.SourceView;
import io.driftless.storage.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.SourceRepository} against a real database. */
public abstract class SourceRepositoryContractTest extends StorageTestBase {

  @Test
  void registersAndFindsTheSourceWithItsSecretsDecrypted() {
    Source source = Fixtures.secretSource(Fixtures.unique("secret"));

    SourceView view = storage.sources().register(source);

    assertThat(storage.sources().find(source.name())).contains(source);
    assertThat(view.authType()).isEqualTo("token");
    assertThat(view.writeAuthType()).isEqualTo("ssh");
    assertThat(view.hasWebhookSecret()).isTrue();
    assertThat(view.verify()).isEqualTo(source.verify());
  }

  @Test
  void aPlainSourceRoundTrips() {
    Source source = Fixtures.plainSource(Fixtures.unique("plain"));
    storage.sources().register(source);

    assertThat(storage.sources().find(source.name())).contains(source);
    SourceView view = storage.sources().view(source.name()).orElseThrow();
    assertThat(view.authType()).isEqualTo("none");
    assertThat(view.writeAuthType()).isNull();
    assertThat(view.hasWebhookSecret()).isFalse();
  }

  @Test
  void apiReadsCarryNoSecret() {
    Source source = Fixtures.secretSource(Fixtures.unique("noleak"));
    storage.sources().register(source);

    String shown =
        storage.sources().view(source.name()).orElseThrow().toString() + storage.sources().list();

    assertThat(shown)
        .doesNotContain("ghp_readTOKEN")
        .doesNotContain("WRITEKEY")
        .doesNotContain("passphrase_")
        .doesNotContain("webhookSECRET");
  }

  @Test
  void theRawColumnsHoldNoPlainText() throws Exception {
    Source source = Fixtures.secretSource(Fixtures.unique("raw"));
    storage.sources().register(source);

    StringBuilder raw = new StringBuilder();
    try (Connection c = database().connect();
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
  void anotherKeyCannotReadTheSecrets() throws Exception {
    Source source = Fixtures.secretSource(Fixtures.unique("otherkey"));
    storage.sources().register(source);
    Path otherKey = database().dir().resolve("other.key");
    Files.writeString(otherKey, Base64.getEncoder().encodeToString(new byte[32]));

    try (Storage other =
        Storage.open(database().config().withKeyFile(otherKey).withPoolSize(2), clock)) {
      assertThatThrownBy(() -> other.sources().find(source.name()))
          .isInstanceOf(SecretDecryptionException.class);
      assertThat(other.sources().view(source.name())).isPresent();
    }
  }

  @Test
  void aDuplicateNameIsAConflictAndWritesNothing() throws Exception {
    Source first = Fixtures.plainSource(Fixtures.unique("dup"));
    storage.sources().register(first);
    Source second = Source.of(first.name(), "https://elsewhere.example.com/other.git");

    assertThatThrownBy(() -> storage.sources().register(second))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(first.name().value());
    assertThat(count("SELECT COUNT(*) FROM sources WHERE name = ?", first.name().value()))
        .isEqualTo(1);
    assertThat(storage.sources().find(first.name())).contains(first);
  }

  @Test
  void aTooLongUrlIsInvalidInputAndWritesNothing() throws Exception {
    SourceName name = SourceName.of(Fixtures.unique("long"));
    Source source = Source.of(name, "https://example.com/" + "x".repeat(3000));

    assertThatThrownBy(() -> storage.sources().register(source))
        .isInstanceOf(InvalidInputException.class);
    assertThat(count("SELECT COUNT(*) FROM sources WHERE name = ?", name.value())).isZero();
  }

  @Test
  void updateReplacesCredentials() {
    Source source = Fixtures.secretSource(Fixtures.unique("upd"));
    storage.sources().register(source);
    Source changed = Source.of(source.name(), "https://git.example.com/moved.git");

    SourceView view = storage.sources().update(changed);

    assertThat(view.url()).isEqualTo(changed.url());
    assertThat(view.hasWebhookSecret()).isFalse();
    assertThat(storage.sources().find(source.name())).contains(changed);
  }

  @Test
  void updatingOrDeletingAnUnknownSourceIsNotFound() {
    Source ghost = Fixtures.plainSource(Fixtures.unique("ghost"));

    assertThatThrownBy(() -> storage.sources().update(ghost)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> storage.sources().delete(ghost.name()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aSourceInUseCannotBeDeleted() {
    String source = Fixtures.unique("used");
    storage.sources().register(Fixtures.plainSource(source));
    String env = Fixtures.unique("user");
    storage.environments().register(Fixtures.environment(env, source));

    assertThatThrownBy(() -> storage.sources().delete(SourceName.of(source)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(env);

    storage.environments().delete(io.driftless.engine.domain.EnvironmentName.of(env));
    storage.sources().delete(SourceName.of(source));
    assertThat(storage.sources().find(SourceName.of(source))).isEmpty();
  }
}
