package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * A source's credentials on a JGit transport command: a token or user and password over HTTP, a
 * private key with pinned host keys over SSH. Reads use {@link Source#auth()}, pushes {@link
 * Source#pushAuth()}. One SSH session factory per source and access is kept, replaced when the
 * credentials change; a replaced one may still serve a running fetch, so it is closed only by
 * {@link #close()}.
 */
final class SourceCredentials implements AutoCloseable {
  /** Which of the source's credentials a remote call uses. */
  enum Access {
    READ(""),
    WRITE("-write");

    private final String sshDirSuffix;

    Access(String sshDirSuffix) {
      this.sshDirSuffix = sshDirSuffix;
    }

    GitAuth of(Source source) {
      return this == READ ? source.auth() : source.pushAuth();
    }
  }

  private record SshFactory(GitAuth auth, SshdSessionFactory factory) {}

  private record Key(SourceName source, Access access) {}

  private final Path sshDir;
  private final Function<CredentialName, Optional<Credential>> named;
  private final ConcurrentMap<Key, SshFactory> sshFactories = new ConcurrentHashMap<>();
  private final List<SshdSessionFactory> retired = new ArrayList<>();

  /**
   * @param sshDir where each source gets an empty SSH home directory, which JGit needs
   * @param named the named credentials a source may refer to, looked up at each remote call
   */
  SourceCredentials(Path sshDir, Function<CredentialName, Optional<Credential>> named) {
    this.sshDir = sshDir;
    this.named = named;
  }

  /**
   * The source with each named credential replaced by the access it gives now, so a rotated
   * credential is used from the next remote call on; the source itself when it names none.
   *
   * @throws GitAccessException (auth) when a named credential is gone or cannot serve Git
   */
  Source resolve(Source source) {
    GitAuth auth = resolve(source, source.auth());
    GitAuth writeAuth = source.writeAuth() == null ? null : resolve(source, source.writeAuth());
    if (auth == source.auth() && writeAuth == source.writeAuth()) {
      return source;
    }
    return source.withAuth(auth, writeAuth);
  }

  private GitAuth resolve(Source source, GitAuth auth) {
    if (!(auth instanceof GitAuth.Named reference)) {
      return auth;
    }
    String problem;
    try {
      Optional<Credential> credential = named.apply(reference.credential());
      if (credential.isPresent()) {
        return reference.resolve(credential.get());
      }
      problem = "no credential named '" + reference.credential() + "'";
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    throw new GitAccessException(
        source.name().value(),
        RemoteFailure.withoutUserInfo(source.url()),
        GitAccessException.Reason.AUTH,
        "source '%s': %s".formatted(source.name(), problem),
        null);
  }

  /** Sets {@code source}'s credentials for {@code access} on {@code command}. */
  <C extends TransportCommand<C, ?>> C apply(C command, Source source, Access access) {
    GitAuth auth = access.of(source);
    CredentialsProvider credentials = credentials(auth);
    if (credentials != null) {
      command.setCredentialsProvider(credentials);
    }
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory(source, auth, access));
          }
        });
    return command;
  }

  private static CredentialsProvider credentials(GitAuth auth) {
    if (auth instanceof GitAuth.Token token) {
      return new UsernamePasswordCredentialsProvider(token.username(), token.token().reveal());
    }
    if (auth instanceof GitAuth.Basic basic) {
      return new UsernamePasswordCredentialsProvider(basic.username(), basic.password().reveal());
    }
    return null;
  }

  private SshdSessionFactory sshFactory(Source source, GitAuth auth, Access access) {
    Key key = new Key(source.name(), access);
    SshFactory current = sshFactories.get(key);
    if (current != null && current.auth().equals(auth)) {
      return current.factory();
    }
    SshFactory fresh;
    try {
      fresh =
          new SshFactory(
              auth,
              SshSessionFactories.of(
                  auth, sshDir.resolve(source.name().value() + access.sshDirSuffix)));
    } catch (IOException | IllegalArgumentException e) {
      throw new GitAccessException(
          source.name().value(),
          RemoteFailure.withoutUserInfo(source.url()),
          GitAccessException.Reason.AUTH,
          "source '%s': SSH credentials unusable: %s".formatted(source.name(), e.getMessage()),
          null);
    }
    SshFactory previous = sshFactories.put(key, fresh);
    if (previous != null) {
      // Credentials changed; a fetch may still use the old factory, so close it only at the end.
      synchronized (retired) {
        retired.add(previous.factory());
      }
    }
    return fresh.factory();
  }

  @Override
  public void close() {
    sshFactories.values().forEach(f -> f.factory().close());
    sshFactories.clear();
    synchronized (retired) {
      retired.forEach(SshdSessionFactory::close);
      retired.clear();
    }
  }
}
