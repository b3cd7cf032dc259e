package io.driftless.ssh;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A failure on one host reached over SSH. Each kind has its own subclass and code; the message
 * names the host and never carries key material.
 */
public abstract class RemoteHostException extends EngineException {
  private final SshHost host;

  /**
   * @param moreDetails what the subclass adds to the host in {@link #details()}
   */
  protected RemoteHostException(
      String code, SshHost host, String message, Map<String, String> moreDetails, Throwable cause) {
    super(code, message, details(host, moreDetails), cause);
    this.host = host;
  }

  /** The host that failed. */
  public SshHost host() {
    return host;
  }

  private static Map<String, String> details(SshHost host, Map<String, String> moreDetails) {
    Map<String, String> details = detailsOf("host", host.toString());
    details.putAll(moreDetails);
    return details;
  }
}
