package io.driftless.engine.port.memory;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.SourceView;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Registered sources in memory, on the sources of a {@link MemoryStore}. */
public final class MemorySourceCatalog extends MemoryCatalog<SourceName, Source, SourceView>
    implements SourceCatalog {
  private final MemoryPreviews previews;
  private final MemoryHostApis hostApis;
  private final MemoryCredentials credentials;

  /**
   * A removed source takes its {@code previews} and {@code hostApis} with it; a source's named
   * credentials must be in {@code credentials}.
   */
  public MemorySourceCatalog(
      MemoryStore store,
      MemoryPreviews previews,
      MemoryHostApis hostApis,
      MemoryCredentials credentials,
      Clock clock) {
    super(store, clock, new Kind<>("source", "a", Source::name, store::find, store::put));
    this.previews = previews;
    this.hostApis = hostApis;
    this.credentials = credentials;
  }

  @Override
  public List<SourceView> list() {
    synchronized (store) {
      return times.keys().stream()
          .sorted(java.util.Comparator.comparing(SourceName::value))
          .map(n -> viewOf(store.find(n).orElseThrow()))
          .toList();
    }
  }

  @Override
  protected void erase(SourceName name) {
    List<String> users =
        store.environments().stream()
            .filter(e -> e.source().equals(name))
            .map(e -> e.name().value())
            .limit(10)
            .toList();
    if (!users.isEmpty()) {
      throw new ConflictException(
          "source '" + name + "' is used by environments: " + String.join(", ", users),
          Map.of("source", name.value(), "environments", String.join(",", users)));
    }
    store.remove(name);
    previews.forget(name);
    hostApis.forget(name);
  }

  @Override
  protected SourceView viewOf(Source source) {
    return new SourceView(
        source.name(),
        source.url(),
        GitAuth.label(source.auth()),
        source.writeAuth() == null ? null : GitAuth.label(source.writeAuth()),
        credentialOf(source.auth()),
        credentialOf(source.writeAuth()),
        source.webhookSecret() != null,
        source.verify(),
        source.forkPreviews(),
        source.decryption().identities().stream().map(n -> n.value()).toList(),
        times.createdAt(source.name()),
        times.updatedAt(source.name()));
  }

  @Override
  protected void checkReferences(Source source) {
    CredentialStore.checkReferences(source, credentials::find, credentials::origins);
  }

  private static String credentialOf(GitAuth auth) {
    return auth instanceof GitAuth.Named named ? named.credential().value() : null;
  }

  @Override
  protected void validate(Source source) {
    InvalidInputException.checkLength("url", source.url(), 2048);
    if (source.webhookSecret() != null) {
      InvalidInputException.checkLength("webhookSecret", source.webhookSecret().reveal(), 1024);
    }
  }
}
