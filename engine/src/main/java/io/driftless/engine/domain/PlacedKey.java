package io.driftless.engine.domain;

import java.util.Optional;

/**
 * A resource key that a target applying to several places gave one rendered file on one place
 * ({@code Target.place}): {@code place:port:path}, the place a host name or address ({@code [v6]}
 * for an IPv6 address) and the port digits. The one place this shape is read: the ssh target takes
 * its keys apart with it, and the sensitive rule matches its globs against the path part, as the
 * environment's files name it.
 *
 * @param place {@code host:port} ({@code [v6]:port})
 * @param path the rendered file's key, relative to the environment's path
 */
public record PlacedKey(String place, ResourceKey path) {

  /** The key of {@code path} on {@code place} ({@code host:port}). */
  public static ResourceKey of(String place, ResourceKey path) {
    return new ResourceKey(place + ":" + path.value());
  }

  /** The place and path of {@code key}; empty when it has no {@code place:port:} prefix. */
  public static Optional<PlacedKey> split(ResourceKey key) {
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
    if (portEnd < 0 || portEnd == hostEnd + 1 || portEnd == value.length() - 1) {
      return Optional.empty();
    }
    for (int i = hostEnd + 1; i < portEnd; i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new PlacedKey(value.substring(0, portEnd), new ResourceKey(value.substring(portEnd + 1))));
  }
}
