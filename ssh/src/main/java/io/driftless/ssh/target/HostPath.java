package io.driftless.ssh.target;

import io.driftless.engine.domain.PlacedKey;
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
    return PlacedKey.of(host.toString(), new ResourceKey(path.toString()));
  }

  /** The key of {@code path} on {@code host}. */
  static ResourceKey key(SshHost host, ResourceKey path) {
    return PlacedKey.of(host.toString(), path);
  }

  /**
   * The host a key names and the path after it, without checking the path; empty when the key names
   * no host (it is not an ssh target's key).
   */
  static Optional<Split> split(ResourceKey key) {
    return PlacedKey.split(key)
        .flatMap(
            placed -> {
              try {
                return Optional.of(new Split(SshHost.parse(placed.place()), placed.path()));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /** A key taken apart: the host, and the path as the rendered state names it. */
  record Split(SshHost host, ResourceKey path) {}
}
