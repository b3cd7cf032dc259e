package io.driftless.ssh;

import java.util.Map;

/**
 * The host's SSH server lacks something a guarantee depends on (e.g. the {@code
 * posix-rename@openssh.com} SFTP extension, without which a rename is not atomic). Nothing weaker
 * is tried in its place.
 */
public final class UnsupportedServerException extends RemoteHostException {
  UnsupportedServerException(SshHost host, String feature, String message) {
    super("ssh.unsupported", host, message, Map.of("feature", feature), null);
  }

  /** What is missing, e.g. {@code posix-rename@openssh.com}. */
  public String feature() {
    return details().get("feature");
  }
}
