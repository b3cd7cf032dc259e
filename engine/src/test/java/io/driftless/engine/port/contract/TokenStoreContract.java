package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.TokenStore}, for every store that implements it.
 */
public abstract class TokenStoreContract extends StoresContract {

  @Test
  void anUnknownOrRevokedTokenDoesNotAuthenticate() {
    String name = Fixtures.unique("gone");
    IssuedToken issued = stores.tokens().issue(name, TokenRole.ADMIN);

    stores.tokens().revoke(name);

    assertThat(stores.tokens().authenticate(issued.token())).isEmpty();
    assertThat(stores.tokens().authenticate("dlt_nope")).isEmpty();
    assertThat(stores.tokens().authenticate("")).isEmpty();
    assertThatThrownBy(() -> stores.tokens().revoke(name)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void currentTellsWhichTokenHashesWereNotRevoked() {
    IssuedToken kept = stores.tokens().issue(Fixtures.unique("kept"), TokenRole.VIEWER);
    String revokedName = Fixtures.unique("revoked");
    IssuedToken revoked = stores.tokens().issue(revokedName, TokenRole.VIEWER);
    String keptHash = TokenStore.hash(kept.token());
    String revokedHash = TokenStore.hash(revoked.token());

    assertThat(stores.tokens().current(List.of(keptHash, revokedHash)))
        .containsExactlyInAnyOrder(keptHash, revokedHash);
    stores.tokens().revoke(revokedName);
    assertThat(stores.tokens().current(List.of(keptHash, revokedHash))).containsExactly(keptHash);
    // A token issued again under the revoked name is another token.
    stores.tokens().issue(revokedName, TokenRole.VIEWER);
    assertThat(stores.tokens().current(List.of(revokedHash, TokenStore.hash("dlt_unknown"))))
        .isEmpty();
    assertThat(stores.tokens().current(List.of())).isEmpty();

    // More hashes than one statement takes.
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add(TokenStore.hash("dlt_unknown_" + i));
    }
    many.add(keptHash);
    assertThat(stores.tokens().current(many)).containsExactly(keptHash);
  }

  @Test
  void namesAreUniqueAndChecked() {
    String name = Fixtures.unique("dup");
    stores.tokens().issue(name, TokenRole.VIEWER);

    assertThatThrownBy(() -> stores.tokens().issue(name, TokenRole.VIEWER))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> stores.tokens().issue("has space", TokenRole.VIEWER))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> stores.tokens().issue("x".repeat(64), TokenRole.VIEWER))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aTokenMadeOutsideMustLookIssued() {
    for (String weak :
        new String[] {
          null,
          "",
          "secret",
          TokenStore.PREFIX + "short",
          "xyz_" + "a".repeat(43),
          TokenStore.PREFIX + "a".repeat(42),
          TokenStore.PREFIX + "a".repeat(42) + "="
        }) {
      Throwable refused =
          catchThrowable(
              () -> stores.tokens().register(Fixtures.unique("weak"), TokenRole.ADMIN, weak));
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
