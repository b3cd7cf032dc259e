package io.driftless.engine.port.query;

import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.VerifyPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A source as the API shows it: which kinds of credentials are set, never their values.
 *
 * @param authType {@code none}, {@code token}, {@code basic}, {@code ssh} or {@code credential}
 * @param writeAuthType the same for pushing restore commits; null when {@code auth} is reused
 * @param authCredential the named credential {@code auth} refers to; null unless {@code authType}
 *     is {@code credential}
 * @param writeAuthCredential the same for {@code writeAuthType}
 * @param forkPreviews what previews of pull requests from forks do
 * @param decryptionIdentities the named credentials its SOPS files are decrypted with
 */
public record SourceView(
    SourceName name,
    String url,
    String authType,
    String writeAuthType,
    String authCredential,
    String writeAuthCredential,
    boolean hasWebhookSecret,
    VerifyPolicy verify,
    ForkPreviews forkPreviews,
    List<String> decryptionIdentities,
    Instant createdAt,
    Instant updatedAt) {
  public SourceView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(authType, "authType");
    decryptionIdentities =
        decryptionIdentities == null ? List.of() : List.copyOf(decryptionIdentities);
  }
}
