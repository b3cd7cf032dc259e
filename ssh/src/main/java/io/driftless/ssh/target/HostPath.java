package io.driftless.ssh.target;

import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.ssh.SshHost;
import java.util.Optional;

/**
 * A resource of the ssh target: one file under the root of one host. Its key is {@code
 * host:port:path} ({@code [v6]:port:path} for an IPv6 address), so one snapshot and one inventory
 * hold every host's files and each host has its own diff, drift and prune.
 */
record HostPath(SshHost host, RelativeFilePath path) {

  ResourceKey key() {
    return new ResourceKey(host + ":" + path);
  }

  /** The key of {@code path} on {@code host}. */
  static ResourceKey key(SshHost host, ResourceKey path) {
    return new ResourceKey(host + ":" + path.value());
  }

  /**
   * The host a key names and the path after it, without checking the path; empty when the key names
   * no host (it is not an ssh target's key).
   */
  static Optional<Split> split(ResourceKey key) {
    String value = key.value();
    int hostEnd;
    if (value.startsWith("[")) {
      hostEnd = value.indexOf("]:");
      if (hostEnd < 0) {
        return Optional.empty();
      }
      hostEnd++;
    } else {
      hostEnd = value.indexOf(':');
      if (hostEnd <= 0) {
        return Optional.empty();
      }
    }
    int portEnd = value.indexOf(':', hostEnd + 1);
    if (portEnd < 0 || portEnd == value.length() - 1) {
      return Optional.empty();
    }
    try {
      SshHost host = SshHost.parse(value.substring(0, portEnd));
      return Optional.of(new Split(host, new ResourceKey(value.substring(portEnd + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A key taken apart: the host, and the path as the rendered state names it. */
  record Split(SshHost host, ResourceKey path) {}
}
