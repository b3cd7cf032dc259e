package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.contract.CredentialStoreContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.jdbi.CredentialRepository;
import io.driftless.storage.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link CredentialRepository} against a real database. */
public abstract class CredentialRepositoryContractTest extends CredentialStoreContract {
  @Test
  void theDatabaseItselfKeepsTheCredentialAnSshEnvironmentLogsInWith(TestDatabase database)
      throws Exception {
    CredentialName name = Fixtures.sshKeyCredential(stores, "fleet");
    String source = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(source));
    stores.environments().register(sshEnvironment(Fixtures.unique("edge"), source, name));

    // A removal that raced past the check in code (as when the environment is registered at the
    // same moment) meets the foreign key.
    try (Connection c = database.connect();
        PreparedStatement delete = c.prepareStatement("DELETE FROM credentials WHERE name = ?")) {
      delete.setString(1, name.value());
      assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class);
    }
    assertThat(stores.credentials().find(name)).isPresent();
  }

  @Test
  void theSecretIsEncryptedAtRest(TestDatabase database) throws Exception {
    String secret = UUID.randomUUID().toString();
    String passphrase = UUID.randomUUID().toString();
    CredentialName name = CredentialName.of(Fixtures.unique("at-rest"));
    stores
        .credentials()
        .add(
            name,
            new Credential.SshKey(Secret.of(secret), Secret.of(passphrase)),
            CredentialOrigins.none(),
            List.of(),
            "a");

    assertThat(database.count("SELECT COUNT(*) FROM credentials WHERE name = ?", name.value()))
        .isEqualTo(1);
    for (String plain : List.of(secret, passphrase)) {
      assertThat(
              database.count(
                  "SELECT COUNT(*) FROM credentials WHERE secret LIKE ? OR public_keys LIKE ?",
                  "%" + plain + "%",
                  "%" + plain + "%"))
          .isZero();
    }
  }
}
