package io.driftless.engine.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The host keys a known_hosts text pins, held in memory. A server is accepted only when it presents
 * one of them; an unknown or changed host key is refused, never learned, and nothing is written
 * back. Git sources use it through JGit's {@link ServerKeyDatabase}; other SSH clients (the ssh
 * target) ask {@link #check}.
 */
public final class PinnedHostKeys implements ServerKeyDatabase {
  private static final int SSH_PORT = 22;

  /** What the pins say about a host key one host presented. */
  public enum Verdict {
    /** A pin of this host holds exactly this key. */
    PINNED,
    /** No pin names this host: never trusted on first use. */
    UNKNOWN_HOST,
    /** The host is pinned, but to other keys. */
    CHANGED,
    /** The key is marked {@code @revoked}: refused for every host. */
    REVOKED
  }

  private record Pin(KnownHostEntry entry, PublicKey key, boolean revoked) {}

  private final List<Pin> pins;

  /**
   * @param knownHosts OpenSSH known_hosts lines (hashed names, patterns, {@code [host]:port} and
   *     {@code @revoked} markers as OpenSSH reads them); {@code @cert-authority} lines are skipped
   * @throws IllegalArgumentException when the text cannot be read or pins no usable key
   */
  public PinnedHostKeys(String knownHosts) {
    List<Pin> parsed = new ArrayList<>();
    try {
      for (KnownHostEntry entry :
          KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(knownHosts)))) {
        if (entry.getKeyEntry() == null) {
          continue;
        }
        String marker = entry.getMarker();
        if ("cert-authority".equals(marker)) {
          continue; // host certificates are not supported; pin the host key itself
        }
        PublicKey key = entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        parsed.add(new Pin(entry, key, "revoked".equals(marker)));
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("known_hosts could not be read: " + e.getMessage(), e);
    }
    if (parsed.stream().noneMatch(pin -> !pin.revoked())) {
      throw new IllegalArgumentException("known_hosts has no usable host key line");
    }
    this.pins = List.copyOf(parsed);
  }

  private PinnedHostKeys(List<Pin> pins) {
    this.pins = pins;
  }

  /** No pins at all: every host is unknown, so none is trusted (a source without an SSH key). */
  public static PinnedHostKeys none() {
    return new PinnedHostKeys(List.of());
  }

  @Override
  public List<PublicKey> lookup(
      String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    return pins.stream()
        .filter(pin -> !pin.revoked() && matches(pin, connectAddress, remoteAddress))
        .map(Pin::key)
        .toList();
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    return verdict(candidates(connectAddress, remoteAddress), serverKey) == Verdict.PINNED;
  }

  /**
   * What the pins say about {@code offered}, presented by {@code host} on {@code port}.
   *
   * @param host the name or address as the client was told to connect to it (an IPv6 address
   *     without brackets)
   * @param remoteAddress the address actually connected to, or null; a pin of that address counts
   *     too, as in OpenSSH
   */
  public Verdict check(String host, int port, InetSocketAddress remoteAddress, PublicKey offered) {
    Set<HostAndPort> candidates = new LinkedHashSet<>();
    candidates.add(new HostAndPort(host, port));
    candidates.addAll(candidates(null, remoteAddress));
    return verdict(candidates, offered);
  }

  private Verdict verdict(Set<HostAndPort> candidates, PublicKey offered) {
    boolean hostPinned = false;
    boolean keyPinned = false;
    for (Pin pin : pins) {
      boolean sameKey = KeyUtils.compareKeys(pin.key(), offered);
      if (pin.revoked()) {
        if (sameKey) {
          return Verdict.REVOKED; // a revoked key is refused for every host
        }
        continue;
      }
      if (matches(pin, candidates)) {
        hostPinned = true;
        keyPinned |= sameKey;
      }
    }
    if (keyPinned) {
      return Verdict.PINNED;
    }
    return hostPinned ? Verdict.CHANGED : Verdict.UNKNOWN_HOST;
  }

  private static boolean matches(Pin pin, String connectAddress, InetSocketAddress remoteAddress) {
    return matches(pin, candidates(connectAddress, remoteAddress));
  }

  private static boolean matches(Pin pin, Set<HostAndPort> candidates) {
    for (HostAndPort candidate : candidates) {
      if (pin.entry().isHostMatch(candidate.host(), candidate.port())) {
        return true;
      }
    }
    return false;
  }

  private record HostAndPort(String host, int port) {}

  /** JGit names the host as "host" or "[host]:port"; the socket address may add the IP. */
  private static Set<HostAndPort> candidates(
      String connectAddress, InetSocketAddress remoteAddress) {
    Set<HostAndPort> candidates = new LinkedHashSet<>();
    if (connectAddress != null && !connectAddress.isEmpty()) {
      if (connectAddress.startsWith("[")) {
        int close = connectAddress.indexOf(']');
        if (close > 0) {
          String host = connectAddress.substring(1, close);
          int port = SSH_PORT;
          if (connectAddress.startsWith("]:", close)) {
            try {
              port = Integer.parseInt(connectAddress.substring(close + 2));
            } catch (NumberFormatException e) {
              port = remoteAddress == null ? SSH_PORT : remoteAddress.getPort();
            }
          }
          candidates.add(new HostAndPort(host, port));
        }
      } else {
        candidates.add(
            new HostAndPort(
                connectAddress, remoteAddress == null ? SSH_PORT : remoteAddress.getPort()));
      }
    }
    if (remoteAddress != null) {
      candidates.add(new HostAndPort(remoteAddress.getHostString(), remoteAddress.getPort()));
      if (remoteAddress.getAddress() != null) {
        candidates.add(
            new HostAndPort(remoteAddress.getAddress().getHostAddress(), remoteAddress.getPort()));
      }
    }
    return candidates;
  }
}
