package io.driftless.engine.port.memory;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.CredentialView;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named credentials in memory; the sources of a {@link MemoryStore} say which are in use. */
public final class MemoryCredentials implements CredentialStore {
  private record Stored(
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys,
      String createdBy) {}

  private final MemoryStore store;
  private final Timestamps<CredentialName> times;
  private final Map<CredentialName, Stored> credentials = new HashMap<>();

  public MemoryCredentials(MemoryStore store, Clock clock) {
    this.store = store;
    this.times = new Timestamps<>(clock);
  }

  @Override
  public CredentialView add(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys,
      String createdBy) {
    synchronized (store) {
      if (credentials.containsKey(name)) {
        throw new ConflictException(
            "a credential named '" + name + "' already exists",
            Map.of("credential", name.value(), "field", "name"));
      }
      credentials.put(name, new Stored(credential, origins, List.copyOf(publicKeys), createdBy));
      times.created(name);
      return view(name, credentials.get(name));
    }
  }

  @Override
  public CredentialView replace(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys) {
    synchronized (store) {
      Stored current = credentials.get(name);
      if (current == null) {
        throw new NotFoundException("credential", name.value());
      }
      if (!current.credential().type().equals(credential.type())) {
        throw CredentialStore.typeChanged(name, current.credential().type(), credential.type());
      }
      credentials.put(
          name,
          new Stored(
              credential,
              origins == null ? current.origins() : origins,
              List.copyOf(publicKeys),
              current.createdBy()));
      times.updated(name);
      return view(name, credentials.get(name));
    }
  }

  @Override
  public CredentialView setOrigins(CredentialName name, CredentialOrigins origins) {
    synchronized (store) {
      Stored current = credentials.get(name);
      if (current == null) {
        throw new NotFoundException("credential", name.value());
      }
      CredentialStore.checkUsers(
          name,
          current.credential().type(),
          origins,
          store.sources().stream()
              .filter(s -> names(s, name))
              .collect(java.util.stream.Collectors.toMap(s -> s.name().value(), Source::url)));
      credentials.put(
          name,
          new Stored(current.credential(), origins, current.publicKeys(), current.createdBy()));
      times.updated(name);
      return view(name, credentials.get(name));
    }
  }

  @Override
  public CredentialOrigins origins(CredentialName name) {
    synchronized (store) {
      return Optional.ofNullable(credentials.get(name))
          .map(Stored::origins)
          .orElse(CredentialOrigins.none());
    }
  }

  @Override
  public Optional<CredentialView> view(CredentialName name) {
    synchronized (store) {
      return Optional.ofNullable(credentials.get(name)).map(s -> view(name, s));
    }
  }

  @Override
  public List<CredentialView> list() {
    synchronized (store) {
      return credentials.keySet().stream()
          .sorted(Comparator.comparing(CredentialName::value))
          .map(n -> view(n, credentials.get(n)))
          .toList();
    }
  }

  @Override
  public Optional<Credential> find(CredentialName name) {
    synchronized (store) {
      return Optional.ofNullable(credentials.get(name)).map(Stored::credential);
    }
  }

  @Override
  public void remove(CredentialName name) {
    synchronized (store) {
      if (!credentials.containsKey(name)) {
        throw new NotFoundException("credential", name.value());
      }
      CredentialStore.Users users = usedBy(name);
      if (!users.isEmpty()) {
        throw CredentialStore.inUse(name, users);
      }
      credentials.remove(name);
      times.remove(name);
    }
  }

  private CredentialStore.Users usedBy(CredentialName name) {
    return new CredentialStore.Users(
        store.sources().stream().filter(s -> names(s, name)).map(s -> s.name().value()).toList(),
        store.environments().stream()
            .filter(e -> e.target() instanceof TargetSpec.Ssh ssh && ssh.credential().equals(name))
            .map(e -> e.name().value())
            .toList());
  }

  private static boolean names(Source source, CredentialName name) {
    return source.auth() instanceof GitAuth.Named a && a.credential().equals(name)
        || source.writeAuth() instanceof GitAuth.Named w && w.credential().equals(name)
        || source.decryption().identities().contains(name);
  }

  private CredentialView view(CredentialName name, Stored s) {
    return new CredentialView(
        name,
        s.credential().type(),
        s.credential().username(),
        s.publicKeys(),
        s.origins().values(),
        usedBy(name).all(),
        s.createdBy(),
        times.createdAt(name),
        times.updatedAt(name));
  }
}
