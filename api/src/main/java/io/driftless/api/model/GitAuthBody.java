package io.driftless.api.model;

import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Secret;

/**
 * Credentials for a Git remote, write-only: the API never returns them.
 *
 * @param type {@code none}, {@code token}, {@code basic}, {@code ssh} or {@code credential}
 * @param credential with type {@code credential}: the named credential (token, basic or ssh-key) to
 *     authenticate with; an ssh-key needs {@code knownHosts} here too
 */
public record GitAuthBody(
    String type,
    String username,
    String token,
    String password,
    String privateKey,
    String passphrase,
    String knownHosts,
    String credential) {

  /** An HTTPS access token, sent with {@code username} (or the host's default user). */
  public static GitAuthBody token(String username, String token) {
    return new GitAuthBody("token", username, token, null, null, null, null, null);
  }

  /** A user name and password. */
  public static GitAuthBody basic(String username, String password) {
    return new GitAuthBody("basic", username, null, password, null, null, null, null);
  }

  /** An SSH private key, used against the hosts {@code knownHosts} pins. */
  public static GitAuthBody ssh(String privateKey, String knownHosts) {
    return new GitAuthBody("ssh", null, null, null, privateKey, null, knownHosts, null);
  }

  /** A named credential; an ssh-key needs {@code knownHosts} (else null). */
  public static GitAuthBody credential(String credential, String knownHosts) {
    return new GitAuthBody("credential", null, null, null, null, null, knownHosts, credential);
  }

  public GitAuth toDomain(String field) {
    String kind = type == null ? "none" : type;
    return switch (kind) {
      case "none" -> GitAuth.none();
      case "token" ->
          new GitAuth.Token(
              username, secret(field + ".token", Fields.required(field + ".token", token)));
      case "basic" ->
          Fields.check(
              field + ".username",
              () ->
                  new GitAuth.Basic(
                      username,
                      secret(field + ".password", Fields.required(field + ".password", password))));
      case "ssh" ->
          Fields.check(
              field + ".knownHosts",
              () ->
                  new GitAuth.SshKey(
                      secret(
                          field + ".privateKey",
                          Fields.required(field + ".privateKey", privateKey)),
                      passphrase == null || passphrase.isEmpty() ? null : Secret.of(passphrase),
                      knownHosts));
      case "credential" ->
          new GitAuth.Named(
              Fields.check(
                  field + ".credential",
                  () -> CredentialName.of(Fields.required(field + ".credential", credential))),
              knownHosts);
      default ->
          throw new InvalidFieldException(
              field + ".type",
              field + ".type must be one of none, token, basic, ssh, credential: " + kind);
    };
  }

  /** A named credential as a body; null for none. */
  static GitAuthBody named(GitAuth auth) {
    return auth instanceof GitAuth.Named n
        ? new GitAuthBody(
            "credential", null, null, null, null, null, n.knownHosts(), n.credential().value())
        : null;
  }

  private static Secret secret(String field, String value) {
    return Fields.check(field, () -> Secret.of(value));
  }

  @Override
  public String toString() {
    return "GitAuthBody[type="
        + type
        + ", username="
        + username
        + ", credential="
        + credential
        + ", secrets=****]";
  }
}
