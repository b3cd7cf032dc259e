package io.driftless.engine.port.query;

import io.driftless.engine.domain.CredentialName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named credential as the API shows it: never its secret.
 *
 * @param type token, basic, ssh-key, age-identity or pgp-key
 * @param username the user of a token or basic credential; null otherwise
 * @param publicKeys age recipients, PGP fingerprints or SSH key fingerprints; empty for a token or
 *     a password
 * @param origins the URL prefixes it may be sent to (see {@code CredentialOrigins}); empty for a
 *     decryption key, or a credential made before origins
 * @param usedBy the sources that authenticate or decrypt with it, then the environments whose ssh
 *     target logs in with it, by name
 */
public record CredentialView(
    CredentialName name,
    String type,
    String username,
    List<String> publicKeys,
    List<String> origins,
    List<String> usedBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {
  public CredentialView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    publicKeys = List.copyOf(publicKeys);
    origins = List.copyOf(origins);
    usedBy = List.copyOf(usedBy);
  }
}
