package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.SourceView;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.SourceCatalog}, for every store that implements
 * it.
 */
public abstract class SourceCatalogContract extends StoresContract {

  @Test
  void registersAndFindsTheSourceWithItsSecretsDecrypted() {
    Source source = Fixtures.secretSource(Fixtures.unique("secret"));

    SourceView view = stores.sources().register(source);

    assertThat(stores.sources().find(source.name())).contains(source);
    assertThat(view.authType()).isEqualTo("token");
    assertThat(view.writeAuthType()).isEqualTo("ssh");
    assertThat(view.hasWebhookSecret()).isTrue();
    assertThat(view.verify()).isEqualTo(source.verify());
    assertThat(view.forkPreviews()).isEqualTo(ForkPreviews.APPROVE);
  }

  @Test
  void aPlainSourceRoundTrips() {
    Source source = Fixtures.plainSource(Fixtures.unique("plain"));
    stores.sources().register(source);

    assertThat(stores.sources().find(source.name())).contains(source);
    SourceView view = stores.sources().view(source.name()).orElseThrow();
    assertThat(view.authType()).isEqualTo("none");
    assertThat(view.writeAuthType()).isNull();
    assertThat(view.hasWebhookSecret()).isFalse();
    assertThat(view.forkPreviews()).isEqualTo(ForkPreviews.SUMMARY);
  }

  @Test
  void apiReadsCarryNoSecret() {
    Source source = Fixtures.secretSource(Fixtures.unique("noleak"));
    stores.sources().register(source);

    String shown =
        stores.sources().view(source.name()).orElseThrow().toString() + stores.sources().list();

    assertThat(shown)
        .doesNotContain("ghp_readTOKEN")
        .doesNotContain("WRITEKEY")
        .doesNotContain("passphrase_")
        .doesNotContain("webhookSECRET");
  }

  @Test
  void aDuplicateNameIsAConflictAndWritesNothing() throws Exception {
    Source first = Fixtures.plainSource(Fixtures.unique("dup"));
    stores.sources().register(first);
    Source second = Source.of(first.name(), "https://elsewhere.example.com/other.git");

    assertThatThrownBy(() -> stores.sources().register(second))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(first.name().value());
    assertThat(stores.sources().list().stream().filter(v -> v.name().equals(first.name())))
        .hasSize(1);
    assertThat(stores.sources().find(first.name())).contains(first);
  }

  @Test
  void aTooLongUrlIsInvalidInputAndWritesNothing() throws Exception {
    SourceName name = SourceName.of(Fixtures.unique("long"));
    Source source = Source.of(name, "https://example.com/" + "x".repeat(3000));

    assertThatThrownBy(() -> stores.sources().register(source))
        .isInstanceOf(InvalidInputException.class);
    assertThat(stores.sources().view(name)).isEmpty();
  }

  @Test
  void updateReplacesCredentials() {
    Source source = Fixtures.secretSource(Fixtures.unique("upd"));
    stores.sources().register(source);
    Source changed = Source.of(source.name(), "https://git.example.com/moved.git");

    SourceView view = stores.sources().update(changed);

    assertThat(view.url()).isEqualTo(changed.url());
    assertThat(view.hasWebhookSecret()).isFalse();
    assertThat(stores.sources().find(source.name())).contains(changed);
  }

  @Test
  void updatingOrDeletingAnUnknownSourceIsNotFound() {
    Source ghost = Fixtures.plainSource(Fixtures.unique("ghost"));

    assertThatThrownBy(() -> stores.sources().update(ghost)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stores.sources().delete(ghost.name()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aSourceInUseCannotBeDeleted() {
    String source = Fixtures.unique("used");
    stores.sources().register(Fixtures.plainSource(source));
    String env = Fixtures.unique("user");
    stores.environments().register(Fixtures.environment(env, source));

    assertThatThrownBy(() -> stores.sources().delete(SourceName.of(source)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(env);

    stores.environments().delete(io.driftless.engine.domain.EnvironmentName.of(env));
    stores.sources().delete(SourceName.of(source));
    assertThat(stores.sources().find(SourceName.of(source))).isEmpty();
  }
}
