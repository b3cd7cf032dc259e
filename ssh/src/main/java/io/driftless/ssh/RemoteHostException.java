package io.driftless.ssh;

import io.driftless.engine.EngineException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure on one host reached over SSH. Each kind has its own subclass and code; the message
 * names the host and never carries key material.
 */
public abstract class RemoteHostException extends EngineException {
  private final SshHost host;

  protected RemoteHostException(SshHost host, String message, Throwable cause) {
    super(message, cause);
    this.host = host;
  }

  /** The host that failed. */
  public SshHost host() {
    return host;
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("host", host.toString());
    details.putAll(moreDetails());
    return Map.copyOf(details);
  }

  /** What a subclass adds to {@link #details()}. */
  protected Map<String, String> moreDetails() {
    return Map.of();
  }
}
