package io.driftless.ssh;

import java.util.Map;

/** A read or listing on the host went past the bound its caller set; nothing more was read. */
public final class RemoteLimitException extends RemoteHostException {
  private final RemotePath path;
  private final long limit;

  RemoteLimitException(SshHost host, RemotePath path, long limit, String message) {
    super(
        "ssh.limit",
        host,
        message,
        Map.of("path", path.toString(), "limit", Long.toString(limit)),
        null);
    this.path = path;
    this.limit = limit;
  }

  public RemotePath path() {
    return path;
  }

  public long limit() {
    return limit;
  }
}
