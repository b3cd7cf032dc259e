package io.driftless.api.model;

import io.driftless.engine.port.query.SourceView;
import java.time.Instant;

/**
 * A source as the API shows it: which credentials are set, never their values.
 *
 * @param previews what previews of pull requests from forks do
 * @param decryption the named credentials its SOPS files are decrypted with
 */
public record SourceResponse(
    String name,
    String url,
    String authType,
    String writeAuthType,
    String authCredential,
    String writeAuthCredential,
    boolean hasWebhookSecret,
    VerifyBody verify,
    PreviewsBody previews,
    DecryptionBody decryption,
    Instant createdAt,
    Instant updatedAt) {

  public static SourceResponse from(SourceView view) {
    return new SourceResponse(
        view.name().value(),
        view.url(),
        view.authType(),
        view.writeAuthType(),
        view.authCredential(),
        view.writeAuthCredential(),
        view.hasWebhookSecret(),
        VerifyBody.from(view.verify()),
        new PreviewsBody(view.forkPreviews().lower()),
        DecryptionBody.from(view.decryptionIdentities()),
        view.createdAt(),
        view.updatedAt());
  }
}
