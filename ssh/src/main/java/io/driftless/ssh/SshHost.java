package io.driftless.ssh;

/**
 * A host reached over SSH: a DNS name or an IP address, and a port.
 *
 * @param host a name or address; an IPv6 address without brackets ({@code ::1})
 * @param port 1 to 65535
 */
public record SshHost(String host, int port) {
  public static final int DEFAULT_PORT = 22;

  public SshHost {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (host.length() > 253) {
      throw new IllegalArgumentException("host is longer than 253 characters");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_'
              || c == ':'
              || c == '%';
      if (!allowed) {
        throw new IllegalArgumentException(
            "host '" + host + "' may hold only letters, digits, '.', '-', '_', ':' and '%'");
      }
    }
    if (host.startsWith("-")) {
      throw new IllegalArgumentException("host '" + host + "' must not start with '-'");
    }
    if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      throw new IllegalArgumentException(
          "host '" + host + "' has one ':'; give the port apart (or write host:port to parse)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  /** A host on the default port 22. */
  public static SshHost of(String host) {
    return new SshHost(host, DEFAULT_PORT);
  }

  /**
   * Parses {@code name}, {@code name:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 address
   * (on port 22).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static SshHost parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    String value = text.strip();
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("host '" + text + "' opens '[' without closing it");
      }
      String host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (rest.isEmpty()) {
        return new SshHost(host, DEFAULT_PORT);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException(
            "host '" + text + "' has text after ']' that is not :port");
      }
      return new SshHost(host, port(text, rest.substring(1)));
    }
    int colon = value.indexOf(':');
    if (colon < 0) {
      return new SshHost(value, DEFAULT_PORT);
    }
    if (colon != value.lastIndexOf(':')) {
      return new SshHost(value, DEFAULT_PORT); // a bare IPv6 address
    }
    return new SshHost(value.substring(0, colon), port(text, value.substring(colon + 1)));
  }

  private static int port(String text, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("host '" + text + "' has no valid port after ':'");
    }
    return Integer.parseInt(port);
  }

  /** Whether the host is an IPv6 address. */
  public boolean isIpv6() {
    return host.indexOf(':') >= 0;
  }

  /** {@code host:port}, with an IPv6 address in brackets: what messages and resource keys show. */
  @Override
  public String toString() {
    return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
  }
}
