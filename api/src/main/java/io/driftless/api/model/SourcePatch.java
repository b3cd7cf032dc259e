package io.driftless.api.model;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;

/**
 * {@code PATCH /api/v1/sources/{name}}: the fields present replace the stored ones; an empty {@code
 * webhookSecret} removes it. A URL on another scheme, host or port drops the stored credentials
 * that the patch does not give again. A {@code decryption} replaces the source's identities ({@code
 * {"identities": []}} removes them).
 */
public record SourcePatch(
    String url,
    PreviewsBody previews,
    GitAuthBody auth,
    GitAuthBody writeAuth,
    String webhookSecret,
    VerifyBody verify,
    DecryptionBody decryption) {

  public SourcePatch {
    if (url != null && url.isBlank()) {
      throw new InvalidFieldException("url", "url must not be empty");
    }
    Fields.webhookSecret("webhookSecret", webhookSecret);
  }

  public Source applyTo(Source source) {
    Secret secret = source.webhookSecret();
    if (webhookSecret != null) {
      secret = webhookSecret.isEmpty() ? null : Secret.of(webhookSecret);
    }
    return new Source(
        source.name(),
        url == null ? source.url() : url,
        auth == null ? source.auth() : auth.toDomain("auth"),
        writeAuth == null ? source.writeAuth() : writeAuth.toDomain("writeAuth"),
        secret,
        verify == null ? source.verify() : verify.toDomain("verify"),
        previews == null ? source.forkPreviews() : previews.toDomain(),
        decryption == null ? source.decryption() : decryption.toDomain());
  }

  @Override
  public String toString() {
    return "SourcePatch[url=" + url + "]";
  }
}
