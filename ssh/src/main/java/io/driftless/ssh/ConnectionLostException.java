package io.driftless.ssh;

import java.util.Map;

/**
 * The session with the host ended during an operation (the server went away, the network broke).
 * Whether the operation took effect on the host is unknown.
 */
public final class ConnectionLostException extends RemoteHostException {
  private final String operation;

  ConnectionLostException(SshHost host, String operation, String message, Throwable cause) {
    super("ssh.connection_lost", host, message, Map.of("operation", operation), cause);
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }
}
