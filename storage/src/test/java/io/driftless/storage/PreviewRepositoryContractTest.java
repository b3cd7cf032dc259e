package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.PreviewStoreContract;
import io.driftless.engine.port.query.HostApi;
import io.driftless.storage.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@link io.driftless.storage.jdbi.PreviewRepository} and {@link
 * io.driftless.storage.jdbi.HostApiRepository} against a real database.
 */
public abstract class PreviewRepositoryContractTest extends PreviewStoreContract {
  @Test
  void theHostTokenIsStoredEncryptedAndOnlyFindDecryptsIt(TestDatabase database) throws Exception {
    SourceName source = newSource();
    String token = "ghp_contract-token-" + Fixtures.unique("t");
    var view =
        stores
            .hostApis()
            .set(
                source,
                new HostApi(
                    "github", "https://ghe.example.com/api/v3", "acme/site", Secret.of(token)));

    assertThat(view.type()).isEqualTo("github");
    assertThat(view.toString()).doesNotContain(token);
    assertThat(
            database.count(
                "SELECT COUNT(*) FROM source_host_apis WHERE token LIKE ?", "%" + token + "%"))
        .isZero();
    HostApi found = stores.hostApis().find(source).orElseThrow();
    assertThat(found.token().reveal()).isEqualTo(token);
    assertThat(found.toString()).doesNotContain(token);

    stores.hostApis().set(source, new HostApi("gitlab", "https://gl", "g/p", Secret.of("other")));
    assertThat(stores.hostApis().find(source).orElseThrow().token().reveal()).isEqualTo("other");
    assertThat(stores.hostApis().view(source).orElseThrow().baseUrl()).isEqualTo("https://gl");

    assertThat(stores.hostApis().remove(source)).isTrue();
    assertThat(stores.hostApis().remove(source)).isFalse();
    assertThat(stores.hostApis().find(source)).isEmpty();
  }
}
