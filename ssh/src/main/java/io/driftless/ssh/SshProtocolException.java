package io.driftless.ssh;

import java.util.Map;

/**
 * The host's SSH server answered, but not in a way the operation could use (a channel it would not
 * open, a reply that did not fit the request), while the session itself stayed up.
 */
public final class SshProtocolException extends RemoteHostException {
  SshProtocolException(SshHost host, String operation, String message, Throwable cause) {
    super("ssh.protocol", host, message, Map.of("operation", operation), cause);
  }

  public String operation() {
    return details().get("operation");
  }
}
