package io.driftless.ssh;

import java.util.Map;

/**
 * No SSH session could be set up with the host: its name did not resolve, the connection was
 * refused or not answered within the connect timeout, or the handshake failed before
 * authentication.
 */
public final class HostUnreachableException extends RemoteHostException {
  HostUnreachableException(SshHost host, String message, Throwable cause) {
    super("ssh.unreachable", host, message, Map.of(), cause);
  }
}
