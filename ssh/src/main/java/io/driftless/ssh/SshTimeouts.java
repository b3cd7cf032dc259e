package io.driftless.ssh;

import java.time.Duration;

/**
 * How long SSH may take.
 *
 * @param connect to open the TCP connection, exchange keys and authenticate
 * @param operation for one SFTP request or channel open to be answered; a host that does not answer
 *     in time has its session closed and fails with {@link SshTimeoutException}
 */
public record SshTimeouts(Duration connect, Duration operation) {
  public static final SshTimeouts DEFAULT =
      new SshTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(30));

  public SshTimeouts {
    if (connect == null || connect.isNegative() || connect.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (operation == null || operation.isNegative() || operation.isZero()) {
      throw new IllegalArgumentException("operation timeout must be positive");
    }
  }
}
