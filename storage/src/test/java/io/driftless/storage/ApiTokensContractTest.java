package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.contract.Fixtures;
import io.driftless.engine.port.contract.TokenStoreContract;
import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import io.driftless.storage.jdbi.ApiTokens;
import io.driftless.storage.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ApiTokens} against a real database. */
public abstract class ApiTokensContractTest extends TokenStoreContract {
  @Test
  void anIssuedTokenAuthenticatesAndOnlyItsHashIsStored(TestDatabase database) throws Exception {
    String name = Fixtures.unique("ci");
    IssuedToken issued = stores.tokens().issue(name, TokenRole.OPERATOR);

    assertThat(issued.token()).startsWith(TokenStore.PREFIX);
    assertThat(issued.toString()).doesNotContain(issued.token());
    assertThat(
            database.count(
                "SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?",
                TokenStore.hash(issued.token())))
        .isEqualTo(1);
    assertThat(
            database.count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", issued.token()))
        .isZero();

    clock.advance(Duration.ofMinutes(5));
    ApiToken found = stores.tokens().authenticate(issued.token()).orElseThrow();
    assertThat(found.name()).isEqualTo(name);
    assertThat(found.role()).isEqualTo(TokenRole.OPERATOR);
    assertThat(stores.tokens().list())
        .filteredOn(t -> t.name().equals(name))
        .singleElement()
        .satisfies(t -> assertThat(t.lastUsedAt()).isEqualTo(clock.instant()));
  }

  @Test
  void aTokenMadeOutsideIsStoredByItsHashAndAuthenticates(TestDatabase database) throws Exception {
    String name = Fixtures.unique("kept");
    String token = TokenStore.PREFIX + "A".repeat(20) + "-_" + "b".repeat(21);

    ApiToken registered = stores.tokens().register(name, TokenRole.ADMIN, token);

    assertThat(registered.role()).isEqualTo(TokenRole.ADMIN);
    assertThat(database.count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", token))
        .isZero();
    assertThat(stores.tokens().authenticate(token))
        .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(name));
    assertThatThrownBy(() -> stores.tokens().register(name, TokenRole.ADMIN, token))
        .isInstanceOf(ConflictException.class);
  }
}
