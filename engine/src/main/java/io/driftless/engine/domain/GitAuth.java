package io.driftless.engine.domain;

import java.util.Objects;

/** How Driftless authenticates to a Git remote. */
public sealed interface GitAuth {

  /** The kind of credentials as listings show it: none, token, basic or ssh. */
  static String label(GitAuth auth) {
    if (auth instanceof Token) {
      return "token";
    } else if (auth instanceof Basic) {
      return "basic";
    } else if (auth instanceof SshKey) {
      return "ssh";
    } else if (auth instanceof Named) {
      return "credential";
    }
    return "none";
  }

  /** Anonymous access. */
  record None() implements GitAuth {}

  /**
   * An HTTPS access token, sent as the password of Basic auth. Hosts differ on the user name:
   * GitHub accepts {@code x-access-token}, GitLab {@code oauth2}, Bitbucket {@code x-token-auth}.
   */
  record Token(String username, Secret token) implements GitAuth {
    public Token {
      username = username == null || username.isBlank() ? "x-access-token" : username;
      Objects.requireNonNull(token, "token");
    }
  }

  /** HTTPS user name and password. */
  record Basic(String username, Secret password) implements GitAuth {
    public Basic {
      Require.text(username, "username is required for basic auth");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * An SSH private key (OpenSSH or PEM text), with an optional passphrase and the known_hosts lines
   * that the server's host key must match. Host keys are never accepted blindly.
   */
  record SshKey(Secret privateKey, Secret passphrase, String knownHosts) implements GitAuth {
    public SshKey {
      Objects.requireNonNull(privateKey, "privateKey");
      Require.text(
          knownHosts, "knownHosts is required for SSH: the server's host key must be pinned");
    }
  }

  /**
   * Access through a named credential (token, basic or ssh-key), looked up at each call to the
   * remote, so a rotated credential takes effect at the next fetch without touching the source.
   *
   * @param knownHosts the known_hosts lines pinning the remote's host keys; required when the
   *     credential is an SSH key, unused otherwise
   */
  record Named(CredentialName credential, String knownHosts) implements GitAuth {
    public Named {
      Objects.requireNonNull(credential, "credential");
      knownHosts = knownHosts == null || knownHosts.isBlank() ? null : knownHosts;
    }

    /** The Git access {@code value}, the credential this names, gives. */
    public GitAuth resolve(Credential value) {
      if (value instanceof Credential.SshKey && knownHosts == null) {
        throw new IllegalArgumentException(
            "credential '"
                + credential
                + "' is an SSH key: knownHosts is required, the server's host key must be pinned");
      }
      return value.gitAuth(knownHosts);
    }
  }

  static GitAuth none() {
    return new None();
  }
}
