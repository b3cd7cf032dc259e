package io.driftless.ssh;

import java.util.Map;

/** The host did not accept the identity's key for the user. */
public final class SshAuthException extends RemoteHostException {
  SshAuthException(SshHost host, String user, String message, Throwable cause) {
    super("ssh.auth", host, message, Map.of("user", user), cause);
  }

  public String user() {
    return details().get("user");
  }
}
