package io.driftless.ssh;

import java.util.Map;

/** The host did not accept the identity's key for the user. */
public final class SshAuthException extends RemoteHostException {
  private final String user;

  SshAuthException(SshHost host, String user, String message, Throwable cause) {
    super(host, message, cause);
    this.user = user;
  }

  public String user() {
    return user;
  }

  @Override
  public String code() {
    return "ssh.auth";
  }

  @Override
  protected Map<String, String> moreDetails() {
    return Map.of("user", user);
  }
}
