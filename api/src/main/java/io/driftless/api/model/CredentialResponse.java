package io.driftless.api.model;

import io.driftless.engine.port.query.CredentialView;
import java.time.Instant;
import java.util.List;

/**
 * A named credential as the API shows it: its type and public parts, never its secret.
 *
 * @param publicKeys age recipients, PGP fingerprints or SSH key fingerprints ({@code SHA256:...})
 * @param origins the URL prefixes it may be sent to
 * @param usedBy the sources that authenticate or decrypt with it, then the environments whose ssh
 *     target logs in with it
 */
public record CredentialResponse(
    String name,
    String type,
    String username,
    List<String> publicKeys,
    List<String> origins,
    List<String> usedBy,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public static CredentialResponse from(CredentialView view) {
    return new CredentialResponse(
        view.name().value(),
        view.type(),
        view.username(),
        view.publicKeys(),
        view.origins(),
        view.usedBy(),
        view.createdBy(),
        view.createdAt(),
        view.updatedAt());
  }
}
