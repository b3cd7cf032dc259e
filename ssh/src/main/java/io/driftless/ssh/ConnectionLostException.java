package io.driftless.ssh;

import java.util.Map;

/**
 * The session with the host ended during an operation (the server went away, the network broke).
 * Whether the operation took effect on the host is unknown.
 */
public final class ConnectionLostException extends RemoteHostException {
  private final String operation;

  ConnectionLostException(SshHost host, String operation, String message, Throwable cause) {
    super(host, message, cause);
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }

  @Override
  public String code() {
    return "ssh.connection_lost";
  }

  @Override
  protected Map<String, String> moreDetails() {
    return Map.of("operation", operation);
  }
}
