package io.driftless.ssh;

import java.util.Map;

/**
 * The session with the host ended during an operation (the server went away, the network broke).
 * Whether the operation took effect on the host is unknown.
 */
public final class ConnectionLostException extends RemoteHostException {
  ConnectionLostException(SshHost host, String operation, String message, Throwable cause) {
    super("ssh.connection_lost", host, message, Map.of("operation", operation), cause);
  }

  public String operation() {
    return details().get("operation");
  }
}
