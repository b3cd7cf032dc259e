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
