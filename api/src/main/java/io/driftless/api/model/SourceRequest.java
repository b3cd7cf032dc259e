package io.driftless.api.model;

import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;

/**
 * {@code POST /api/v1/sources}: registers a Git repository.
 *
 * @param previews what previews of its pull requests from forks do ({@code forks: summary} by
 *     default)
 * @param decryption the named keys its SOPS files are decrypted with; null for the server's only
 */
public record SourceRequest(
    String name,
    String url,
    GitAuthBody auth,
    GitAuthBody writeAuth,
    String webhookSecret,
    VerifyBody verify,
    PreviewsBody previews,
    DecryptionBody decryption) {

  public SourceRequest {
    Fields.required("name", name);
    Fields.required("url", url);
    Fields.webhookSecret("webhookSecret", webhookSecret);
  }

  public Source toDomain() {
    return new Source(
        Fields.check("name", () -> SourceName.of(name)),
        url,
        auth == null ? null : auth.toDomain("auth"),
        writeAuth == null ? null : writeAuth.toDomain("writeAuth"),
        webhookSecret == null || webhookSecret.isEmpty() ? null : Secret.of(webhookSecret),
        verify == null ? null : verify.toDomain("verify"),
        previews == null ? null : previews.toDomain(),
        decryption == null ? null : decryption.toDomain());
  }

  @Override
  public String toString() {
    return "SourceRequest[name=" + name + ", url=" + url + "]";
  }
}
