package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.RegistryOwners.Kind;
import io.driftless.engine.port.RegistryOwners.Owner;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.storage.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The stores' writes inside {@code inOneTransaction} commit together or not at all, on H2 and on
 * PostgreSQL.
 */
abstract class RegistryTransactionContractTest {
  /** The database under test. */
  abstract TestDatabase database();

  @Test
  void aFailureRollsBackEveryRegistryWriteOfTheTransaction() {
    Stores stores = database().stores(Clock.systemUTC());
    String first = Fixtures.unique("tx-src");
    String second = Fixtures.unique("tx-src");

    assertThatThrownBy(
            () ->
                stores
                    .owners()
                    .inOneTransaction(
                        () -> {
                          stores.sources().register(Fixtures.plainSource(first));
                          stores.owners().set(Kind.SOURCE, first, new Owner("team", "a.yaml"));
                          stores.sources().register(Fixtures.plainSource(second));
                          throw new IllegalStateException("the third write failed");
                        }))
        .hasMessage("the third write failed");

    assertThat(stores.sources().find(SourceName.of(first))).isEmpty();
    assertThat(stores.sources().find(SourceName.of(second))).isEmpty();
  }

  @Test
  void aTransactionThatReturnsCommitsEveryWrite() {
    Stores stores = database().stores(Clock.systemUTC());
    String name = Fixtures.unique("tx-src");

    stores
        .owners()
        .inOneTransaction(
            () -> {
              stores.sources().register(Fixtures.plainSource(name));
              stores.owners().set(Kind.SOURCE, name, new Owner("team", "a.yaml"));
              return null;
            });

    assertThat(stores.owners().find(Kind.SOURCE, name)).contains(new Owner("team", "a.yaml"));
  }
}
