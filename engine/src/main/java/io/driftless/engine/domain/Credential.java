package io.driftless.engine.domain;

import java.util.Objects;

/**
 * A secret kept under a name ({@link CredentialName}) and referred to by it: a source's Git access,
 * a SOPS decryption key, an SSH target's key. The secret parts are {@link Secret}s, so they never
 * print; which parts are public (an age recipient, a key fingerprint) is computed from them by
 * {@code io.driftless.engine.secrets.CredentialKeys}.
 */
public sealed interface Credential {

  /** The type as the API names it: token, basic, ssh-key, age-identity or pgp-key. */
  String type();

  /** The user name shown beside the type; null when the type has none. */
  default String username() {
    return null;
  }

  /** The Git access this credential gives; an age or PGP key gives none. */
  default GitAuth gitAuth(String knownHosts) {
    throw new IllegalArgumentException(
        "a " + type() + " credential cannot authenticate to Git; use token, basic or ssh-key");
  }

  /** An HTTPS access token (see {@link GitAuth.Token} for the user name). */
  record Token(String username, Secret token) implements Credential {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String type() {
      return "token";
    }

    @Override
    public GitAuth gitAuth(String knownHosts) {
      return new GitAuth.Token(username, token);
    }
  }

  /** A user name and password. */
  record Basic(String username, Secret password) implements Credential {
    public Basic {
      Require.text(username, "username is required for basic credentials");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String type() {
      return "basic";
    }

    @Override
    public GitAuth gitAuth(String knownHosts) {
      return new GitAuth.Basic(username, password);
    }
  }

  /**
   * An SSH private key (OpenSSH or PEM) with an optional passphrase. The host keys it may be used
   * against are pinned where it is used (a source's {@code knownHosts}, a target's host keys), not
   * here: a key may serve many hosts.
   */
  record SshKey(Secret privateKey, Secret passphrase) implements Credential {
    public SshKey {
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String type() {
      return "ssh-key";
    }

    @Override
    public GitAuth gitAuth(String knownHosts) {
      return new GitAuth.SshKey(privateKey, passphrase, knownHosts);
    }
  }

  /** One or more age X25519 identities ({@code AGE-SECRET-KEY-1...}), as an age key file. */
  record AgeIdentity(Secret identity) implements Credential {
    public AgeIdentity {
      Objects.requireNonNull(identity, "identity");
    }

    @Override
    public String type() {
      return "age-identity";
    }
  }

  /** One or more armored OpenPGP secret keys without a passphrase. */
  record PgpKey(Secret privateKey) implements Credential {
    public PgpKey {
      Objects.requireNonNull(privateKey, "privateKey");
    }

    @Override
    public String type() {
      return "pgp-key";
    }
  }
}
