package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceDecryption;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.CredentialView;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.driftless.engine.port.CredentialStore}, for every store. */
public abstract class CredentialStoreContract extends StoresContract {
  private static final String KNOWN_HOSTS =
      "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

  @Test
  void aCredentialIsStoredWithItsSecretAndShownWithoutIt() {
    CredentialName name = CredentialName.of(Fixtures.unique("bot"));
    Credential token = new Credential.Token("bot", Secret.of("s3cr3t-token"));

    CredentialView added =
        stores.credentials().add(name, token, CredentialOrigins.none(), List.of(), "alice");

    assertThat(added.type()).isEqualTo("token");
    assertThat(added.username()).isEqualTo("bot");
    assertThat(added.createdBy()).isEqualTo("alice");
    assertThat(added.createdAt()).isEqualTo(clock.instant());
    assertThat(added.usedBy()).isEmpty();
    assertThat(added.toString()).doesNotContain("s3cr3t-token");
    assertThat(stores.credentials().find(name)).contains(token);
    assertThat(stores.credentials().view(name)).contains(added);
    assertThat(stores.credentials().list()).contains(added);
  }

  @Test
  void everyTypeComesBackAsItWasStored() {
    List<Credential> all =
        List.of(
            new Credential.Token(null, Secret.of("t")),
            new Credential.Basic("u", Secret.of("p")),
            new Credential.SshKey(Secret.of("-----BEGIN KEY-----"), Secret.of("phrase")),
            new Credential.SshKey(Secret.of("-----BEGIN KEY-----"), null),
            new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1XYZ")),
            new Credential.PgpKey(Secret.of("-----BEGIN PGP PRIVATE KEY BLOCK-----")));
    for (Credential credential : all) {
      CredentialName name = CredentialName.of(Fixtures.unique("any"));
      CredentialView view =
          stores
              .credentials()
              .add(
                  name,
                  credential,
                  CredentialOrigins.none(),
                  List.of("age1public", "second"),
                  "bob");
      assertThat(view.publicKeys()).containsExactly("age1public", "second");
      assertThat(stores.credentials().find(name)).contains(credential);
    }
  }

  @Test
  void aTakenNameIsAConflictAndAnUnknownOneNotFound() {
    CredentialName name = CredentialName.of(Fixtures.unique("dup"));
    add(name, new Credential.Token(null, Secret.of("a")), CredentialOrigins.none());

    assertThatThrownBy(
            () -> add(name, new Credential.Token(null, Secret.of("b")), CredentialOrigins.none()))
        .isInstanceOf(ConflictException.class);
    CredentialName unknown = CredentialName.of(Fixtures.unique("nope"));
    assertThat(stores.credentials().find(unknown)).isEmpty();
    assertThat(stores.credentials().view(unknown)).isEmpty();
    assertThatThrownBy(() -> stores.credentials().remove(unknown))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                stores
                    .credentials()
                    .replace(unknown, new Credential.Token(null, Secret.of("b")), null, List.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aReplacementKeepsTheTypeAndChangesTheSecret() {
    CredentialName name = CredentialName.of(Fixtures.unique("rotated"));
    CredentialView added =
        stores
            .credentials()
            .add(
                name,
                new Credential.Basic("u", Secret.of("old")),
                CredentialOrigins.none(),
                List.of(),
                "alice");
    clock.advance(Duration.ofMinutes(1));

    CredentialView replaced =
        stores
            .credentials()
            .replace(name, new Credential.Basic("v", Secret.of("new")), null, List.of());

    assertThat(replaced.createdAt()).isEqualTo(added.createdAt());
    assertThat(replaced.updatedAt()).isEqualTo(clock.instant());
    assertThat(replaced.createdBy()).isEqualTo("alice");
    assertThat(replaced.username()).isEqualTo("v");
    assertThat(stores.credentials().find(name))
        .contains(new Credential.Basic("v", Secret.of("new")));
    assertThatThrownBy(
            () ->
                stores
                    .credentials()
                    .replace(name, new Credential.Token(null, Secret.of("x")), null, List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("type");
  }

  @Test
  void aSourceMayReferToAGitCredentialAndItCannotBeRemovedWhileUsed() {
    CredentialName name = Fixtures.sshKeyCredential(stores, "deploy");
    String sourceName = Fixtures.unique("src");
    Source source =
        Source.of(SourceName.of(sourceName), "ssh://git.example.com/repo.git")
            .withAuth(new GitAuth.Named(name, KNOWN_HOSTS), null);

    stores.sources().register(source);

    assertThat(stores.sources().find(source.name()))
        .hasValueSatisfying(
            s -> assertThat(s.auth()).isEqualTo(new GitAuth.Named(name, KNOWN_HOSTS)));
    assertThat(stores.sources().view(source.name()))
        .hasValueSatisfying(
            v -> {
              assertThat(v.authType()).isEqualTo("credential");
              assertThat(v.authCredential()).isEqualTo(name.value());
            });
    assertThat(stores.credentials().view(name).orElseThrow().usedBy()).containsExactly(sourceName);
    assertThatThrownBy(() -> stores.credentials().remove(name))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(sourceName);

    // Once the source uses something else, the credential can go.
    stores.sources().update(Fixtures.plainSource(sourceName));
    stores.credentials().remove(name);
    assertThat(stores.credentials().find(name)).isEmpty();
  }

  @Test
  void anSshEnvironmentLogsInWithACredentialWhichCannotBeRemovedWhileUsed() {
    CredentialName name = CredentialName.of(Fixtures.unique("fleet"));
    CredentialName longer = CredentialName.of(name.value() + "-old");
    for (CredentialName n : List.of(name, longer)) {
      Fixtures.addSshKey(stores, n, List.of("SHA256:x"));
    }
    String source = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(source));
    String edge = Fixtures.unique("edge");
    String other = Fixtures.unique("other");
    stores.environments().register(sshEnvironment(edge, source, name));
    stores.environments().register(sshEnvironment(other, source, longer));
    stores.environments().register(Fixtures.environment(Fixtures.unique("dir"), source));

    assertThat(stores.credentials().view(name).orElseThrow().usedBy()).containsExactly(edge);
    assertThat(stores.credentials().view(longer).orElseThrow().usedBy()).containsExactly(other);
    assertThatThrownBy(() -> stores.credentials().remove(name))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("environments: " + edge);
    assertThat(stores.credentials().find(name)).isPresent();

    // Once the environment logs in with something else, the credential can go.
    stores.environments().update(sshEnvironment(edge, source, longer));
    assertThat(stores.credentials().view(longer).orElseThrow().usedBy())
        .containsExactlyInAnyOrder(edge, other);
    stores.credentials().remove(name);
    assertThat(stores.credentials().find(name)).isEmpty();
  }

  @Test
  void anSshEnvironmentCannotLogInWithAMissingCredentialOrOneOfAnotherType() {
    CredentialName age = CredentialName.of(Fixtures.unique("age"));
    add(age, new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")), CredentialOrigins.none());
    CredentialName missing = CredentialName.of(Fixtures.unique("gone"));
    String source = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(source));
    String edge = Fixtures.unique("edge");

    assertThatThrownBy(() -> stores.environments().register(sshEnvironment(edge, source, missing)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target.credential")
        .hasMessageContaining("no credential named '" + missing + "'");
    assertThatThrownBy(() -> stores.environments().register(sshEnvironment(edge, source, age)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target.credential")
        .hasMessageContaining("not ssh-key");
    assertThat(stores.environments().find(EnvironmentName.of(edge))).isEmpty();

    // Nor can a registered one be changed to log in with a missing credential.
    CredentialName fleet = Fixtures.sshKeyCredential(stores, "fleet");
    stores.environments().register(sshEnvironment(edge, source, fleet));
    assertThatThrownBy(() -> stores.environments().update(sshEnvironment(edge, source, missing)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("target.credential");
    assertThat(stores.credentials().view(fleet).orElseThrow().usedBy()).containsExactly(edge);
  }

  protected static Environment sshEnvironment(String name, String source, CredentialName login) {
    return Fixtures.environment(name, source)
        .withTarget(
            new TargetSpec.Ssh(
                List.of("web1.example.com", "10.0.0.7:2222"),
                "deploy",
                login,
                "web1.example.com " + KNOWN_HOSTS.substring(KNOWN_HOSTS.indexOf(' ') + 1),
                "/srv/fleet",
                null,
                null,
                null,
                null));
  }

  @Test
  void aSourceCannotReferToAMissingOrUnusableCredential() {
    CredentialName age = CredentialName.of(Fixtures.unique("age"));
    add(age, new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")), CredentialOrigins.none());
    CredentialName ssh = CredentialName.of(Fixtures.unique("ssh"));
    add(ssh, new Credential.SshKey(Secret.of("k"), null), CredentialOrigins.none());

    assertThatThrownBy(
            () -> register(new GitAuth.Named(CredentialName.of(Fixtures.unique("no")), null), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("auth.credential")
        .hasMessageContaining("no credential named");
    assertThatThrownBy(() -> register(new GitAuth.Named(age, null), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot authenticate to Git");
    assertThatThrownBy(() -> register(new GitAuth.Named(ssh, null), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("knownHosts is required");
    assertThatThrownBy(() -> register(GitAuth.none(), new GitAuth.Named(age, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("writeAuth.credential");
  }

  @Test
  void aCredentialIsSentOnlyWithinItsOriginsAndTheyCannotStrandASource() {
    CredentialName bot = CredentialName.of(Fixtures.unique("bot"));
    add(
        bot,
        new Credential.Token(null, Secret.of("t")),
        CredentialOrigins.parse("origins", List.of("https://git.example.com/acme")));
    assertThat(stores.credentials().view(bot).orElseThrow().origins())
        .containsExactly("https://git.example.com/acme");
    String inside = Fixtures.unique("src");
    stores
        .sources()
        .register(
            Source.of(SourceName.of(inside), "https://git.example.com/acme/app.git")
                .withAuth(new GitAuth.Named(bot, null), null));

    // Another host, and a sibling path that merely starts with the same letters, are refused.
    for (String url :
        List.of(
            "https://evil.example.net/acme/app.git", "https://git.example.com/acme-evil/app.git")) {
      assertThatThrownBy(
              () ->
                  stores
                      .sources()
                      .register(
                          Source.of(SourceName.of(Fixtures.unique("src")), url)
                              .withAuth(new GitAuth.Named(bot, null), null)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("auth.credential")
          .hasMessageContaining("may be sent only to https://git.example.com/acme");
    }

    // Narrowing the origins away from a source that uses the credential is refused, naming it;
    // widening them is stored, and a rotation without origins keeps them.
    assertThatThrownBy(
            () ->
                stores
                    .credentials()
                    .setOrigins(
                        bot,
                        CredentialOrigins.parse("origins", List.of("https://git.example.com/x"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(inside);
    stores
        .credentials()
        .setOrigins(
            bot,
            CredentialOrigins.parse(
                "origins", List.of("https://git.example.com/acme", "ssh://git.example.com/")));
    stores.credentials().replace(bot, new Credential.Token(null, Secret.of("u")), null, List.of());
    assertThat(stores.credentials().origins(bot).values())
        .containsExactly("https://git.example.com/acme", "ssh://git.example.com/");
  }

  @Test
  void aTokenWithoutOriginsCanBeNamedByNoSource() {
    CredentialName legacy = CredentialName.of(Fixtures.unique("legacy"));
    add(legacy, new Credential.Token(null, Secret.of("t")), CredentialOrigins.none());

    assertThatThrownBy(() -> register(new GitAuth.Named(legacy, null), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("names no origins");
  }

  @Test
  void aSourceDecryptsWithAgeOrPgpCredentialsWhichCannotBeRemovedWhileNamed() {
    CredentialName age = CredentialName.of(Fixtures.unique("age"));
    add(age, new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")), CredentialOrigins.none());
    CredentialName token = CredentialName.of(Fixtures.unique("tok"));
    add(token, new Credential.Token(null, Secret.of("t")), CredentialOrigins.none());
    // A name that holds the other as a part is not a use of it.
    CredentialName longer = CredentialName.of(age.value() + "-old");
    add(
        longer,
        new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")),
        CredentialOrigins.none());
    String sourceName = Fixtures.unique("src");
    Source source =
        Source.of(SourceName.of(sourceName), "https://git.example.com/r.git")
            .withDecryption(new SourceDecryption(List.of(longer)));

    stores.sources().register(source);
    stores.credentials().remove(age);
    add(age, new Credential.AgeIdentity(Secret.of("AGE-SECRET-KEY-1")), CredentialOrigins.none());
    stores.sources().update(source.withDecryption(new SourceDecryption(List.of(age, longer))));

    assertThat(stores.sources().find(source.name()).orElseThrow().decryption().identities())
        .containsExactly(age, longer);
    assertThat(stores.sources().view(source.name()).orElseThrow().decryptionIdentities())
        .containsExactly(age.value(), longer.value());
    assertThat(stores.credentials().view(age).orElseThrow().usedBy()).containsExactly(sourceName);
    assertThatThrownBy(() -> stores.credentials().remove(age))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(sourceName);
    for (CredentialName wrong : List.of(token, CredentialName.of(Fixtures.unique("no")))) {
      assertThatThrownBy(
              () ->
                  stores
                      .sources()
                      .update(source.withDecryption(new SourceDecryption(List.of(wrong)))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("decryption.identities");
    }

    stores.sources().update(source.withDecryption(SourceDecryption.none()));
    stores.credentials().remove(age);
    assertThat(stores.credentials().find(age)).isEmpty();
  }

  private void register(GitAuth auth, GitAuth writeAuth) {
    stores
        .sources()
        .register(
            Source.of(SourceName.of(Fixtures.unique("src")), "https://git.example.com/r.git")
                .withAuth(auth, writeAuth));
  }

  private CredentialView add(
      CredentialName name, Credential credential, CredentialOrigins origins) {
    return stores.credentials().add(name, credential, origins, List.of(), "a");
  }
}
