package io.driftless.ssh;

import java.util.Locale;
import java.util.Map;

/**
 * The host presented a host key the pins do not hold for it. Nothing was sent to it: the check
 * comes before authentication.
 */
public final class HostKeyException extends RemoteHostException {
  /** Why the key was refused. */
  public enum Reason {
    /** No pin names the host; never trusted on first use. */
    UNKNOWN_HOST,
    /** The host is pinned to other keys. */
    CHANGED,
    /** The key is pinned as {@code @revoked}. */
    REVOKED
  }

  private final Reason reason;
  private final String fingerprint;
  private final String keyType;

  HostKeyException(
      SshHost host, Reason reason, String keyType, String fingerprint, String message) {
    super(
        "ssh.host_key",
        host,
        message,
        Map.of(
            "reason",
            reason.name().toLowerCase(Locale.ROOT),
            "fingerprint",
            fingerprint,
            "keyType",
            keyType),
        null);
    this.reason = reason;
    this.keyType = keyType;
    this.fingerprint = fingerprint;
  }

  public Reason reason() {
    return reason;
  }

  /** The SHA-256 fingerprint of the key the host offered, as {@code ssh-keygen -l} prints it. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The offered key's type, e.g. {@code ssh-ed25519}. */
  public String keyType() {
    return keyType;
  }
}
