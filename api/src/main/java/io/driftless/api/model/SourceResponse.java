package io.driftless.api.model;

import io.driftless.engine.port.query.SourceView;
import java.time.Instant;

/**
 * A source as the API shows it: which credentials are set, never their values.
 *
 * @param previews what previews of pull requests from forks do
 * @param decryption the named credentials its SOPS files are decrypted with
 * @param managedBy the owner and file of the document that declares it; null when registered by
 *     REST
 * @param state {@code active}, or {@code retired} (removed from its documents with prune: still
 *     registered, declaring it again restores it)
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
    Instant updatedAt,
    ManagedBy managedBy,
    String state) {
  public static final String ACTIVE = "active";
  public static final String RETIRED = "retired";

  public SourceResponse withManagedBy(ManagedBy owner) {
    return with(owner, state);
  }

  public SourceResponse withRetired(boolean retired) {
    return with(managedBy, retired ? RETIRED : ACTIVE);
  }

  private SourceResponse with(ManagedBy owner, String state) {
    return new SourceResponse(
        name,
        url,
        authType,
        writeAuthType,
        authCredential,
        writeAuthCredential,
        hasWebhookSecret,
        verify,
        previews,
        decryption,
        createdAt,
        updatedAt,
        owner,
        state);
  }

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
        view.updatedAt(),
        null,
        ACTIVE);
  }
}
