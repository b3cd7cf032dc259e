package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.driftless.storage.jdbi.ApiTokens;
import io.driftless.storage.model.ApiToken;
import io.driftless.storage.model.IssuedToken;
import io.driftless.storage.model.TokenRole;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ApiTokens} against a real database. */
public abstract class ApiTokensContractTest extends StorageTestBase {

  @Test
  void anIssuedTokenAuthenticatesAndOnlyItsHashIsStored() throws Exception {
    String name = Fixtures.unique("ci");
    IssuedToken issued = storage.tokens().issue(name, TokenRole.OPERATOR);

    assertThat(issued.token()).startsWith(ApiTokens.PREFIX);
    assertThat(issued.toString()).doesNotContain(issued.token());
    assertThat(
            count(
                "SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?",
                ApiTokens.hash(issued.token())))
        .isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", issued.token()))
        .isZero();

    clock.advance(Duration.ofMinutes(5));
    ApiToken found = storage.tokens().authenticate(issued.token()).orElseThrow();
    assertThat(found.name()).isEqualTo(name);
    assertThat(found.role()).isEqualTo(TokenRole.OPERATOR);
    assertThat(storage.tokens().list())
        .filteredOn(t -> t.name().equals(name))
        .singleElement()
        .satisfies(t -> assertThat(t.lastUsedAt()).isEqualTo(clock.instant()));
  }

  @Test
  void anUnknownOrRevokedTokenDoesNotAuthenticate() {
    String name = Fixtures.unique("gone");
    IssuedToken issued = storage.tokens().issue(name, TokenRole.ADMIN);

    storage.tokens().revoke(name);

    assertThat(storage.tokens().authenticate(issued.token())).isEmpty();
    assertThat(storage.tokens().authenticate("dlt_nope")).isEmpty();
    assertThat(storage.tokens().authenticate("")).isEmpty();
    assertThatThrownBy(() -> storage.tokens().revoke(name)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void currentTellsWhichTokenHashesWereNotRevoked() {
    IssuedToken kept = storage.tokens().issue(Fixtures.unique("kept"), TokenRole.VIEWER);
    String revokedName = Fixtures.unique("revoked");
    IssuedToken revoked = storage.tokens().issue(revokedName, TokenRole.VIEWER);
    String keptHash = ApiTokens.hash(kept.token());
    String revokedHash = ApiTokens.hash(revoked.token());

    assertThat(storage.tokens().current(List.of(keptHash, revokedHash)))
        .containsExactlyInAnyOrder(keptHash, revokedHash);
    storage.tokens().revoke(revokedName);
    assertThat(storage.tokens().current(List.of(keptHash, revokedHash))).containsExactly(keptHash);
    // A token issued again under the revoked name is another token.
    storage.tokens().issue(revokedName, TokenRole.VIEWER);
    assertThat(storage.tokens().current(List.of(revokedHash, ApiTokens.hash("dlt_unknown"))))
        .isEmpty();
    assertThat(storage.tokens().current(List.of())).isEmpty();

    // More hashes than one statement takes.
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add(ApiTokens.hash("dlt_unknown_" + i));
    }
    many.add(keptHash);
    assertThat(storage.tokens().current(many)).containsExactly(keptHash);
  }

  @Test
  void namesAreUniqueAndChecked() {
    String name = Fixtures.unique("dup");
    storage.tokens().issue(name, TokenRole.VIEWER);

    assertThatThrownBy(() -> storage.tokens().issue(name, TokenRole.VIEWER))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> storage.tokens().issue("has space", TokenRole.VIEWER))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> storage.tokens().issue("x".repeat(64), TokenRole.VIEWER))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aTokenMadeOutsideIsStoredByItsHashAndAuthenticates() throws Exception {
    String name = Fixtures.unique("kept");
    String token = ApiTokens.PREFIX + "A".repeat(20) + "-_" + "b".repeat(21);

    ApiToken registered = storage.tokens().register(name, TokenRole.ADMIN, token);

    assertThat(registered.role()).isEqualTo(TokenRole.ADMIN);
    assertThat(count("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?", token)).isZero();
    assertThat(storage.tokens().authenticate(token))
        .hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(name));
    assertThatThrownBy(() -> storage.tokens().register(name, TokenRole.ADMIN, token))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aTokenMadeOutsideMustLookIssued() {
    for (String weak :
        new String[] {
          null,
          "",
          "secret",
          ApiTokens.PREFIX + "short",
          "xyz_" + "a".repeat(43),
          ApiTokens.PREFIX + "a".repeat(42),
          ApiTokens.PREFIX + "a".repeat(42) + "="
        }) {
      Throwable refused =
          catchThrowable(
              () -> storage.tokens().register(Fixtures.unique("weak"), TokenRole.ADMIN, weak));
      assertThat(refused).isInstanceOf(InvalidInputException.class);
      if (weak != null && weak.length() > 5) {
        assertThat(refused.getMessage()).doesNotContain(weak);
      }
    }
  }

  @Test
  void rolesIncludeTheOnesBelow() {
    assertThat(TokenRole.ADMIN.allows(TokenRole.OPERATOR)).isTrue();
    assertThat(TokenRole.VIEWER.allows(TokenRole.OPERATOR)).isFalse();
  }
}
