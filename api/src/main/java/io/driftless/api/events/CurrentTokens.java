package io.driftless.api.events;

import java.util.Set;

/** What the event stream asks of the tokens: which of these token hashes were not revoked. */
@FunctionalInterface
public interface CurrentTokens {
  /** The hashes among {@code tokenHashes} that still belong to a token. */
  Set<String> current(Set<String> tokenHashes);
}
