package io.driftless.ssh;

import java.time.Duration;
import java.util.Map;

/** The host did not answer an operation within its timeout; its session was closed. */
public final class SshTimeoutException extends RemoteHostException {
  private final String operation;
  private final Duration timeout;

  SshTimeoutException(SshHost host, String operation, Duration timeout, String message) {
    super(
        "ssh.timeout",
        host,
        message,
        Map.of("operation", operation, "timeout", timeout.toString()),
        null);
    this.operation = operation;
    this.timeout = timeout;
  }

  public String operation() {
    return operation;
  }

  public Duration timeout() {
    return timeout;
  }
}
