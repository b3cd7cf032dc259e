package io.driftless.api.githost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who each host API's token is, asked once ({@code GET /user}) and kept: keyed by host type,
 * address and a SHA-256 of the token, so a changed token is asked again and the token itself is not
 * kept here. A failed question is not remembered.
 */
final class HostIdentities {
  /** More distinct host APIs than any server has; past it the cache starts over. */
  private static final int MAX_ENTRIES = 1024;

  private final Map<String, HostUser> known = new ConcurrentHashMap<>();

  /** The key of one host API and token. */
  static String key(GitHostType type, String baseUrl, String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return type.label() + " " + baseUrl + " " + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  HostUser get(String key, Supplier<HostUser> ask) {
    HostUser user = known.get(key);
    if (user != null) {
      return user;
    }
    // Two threads may both ask once; the answer is the same, and no lock waits on the network.
    user = ask.get();
    if (known.size() >= MAX_ENTRIES) {
      known.clear();
    }
    known.put(key, user);
    return user;
  }
}
