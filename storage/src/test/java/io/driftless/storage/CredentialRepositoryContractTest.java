package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.contract.CredentialStoreContract;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.jdbi.CredentialRepository;
import io.driftless.storage.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link CredentialRepository} against a real database. */
public abstract class CredentialRepositoryContractTest extends CredentialStoreContract {
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
