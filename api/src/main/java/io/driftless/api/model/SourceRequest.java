package io.driftless.api.model;

import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.GitAuth;
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

  /**
   * The document form of a source: credentials by name only. Empty when a credential of the source
   * is held inline (registered by REST with its value), which a document cannot say.
   */
  public static java.util.Optional<SourceRequest> declarable(Source s) {
    if (!declarable(s.auth()) || !declarable(s.writeAuth())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new SourceRequest(
            s.name().value(),
            s.url(),
            GitAuthBody.named(s.auth()),
            GitAuthBody.named(s.writeAuth()),
            null,
            VerifyBody.from(s.verify()),
            new PreviewsBody(s.forkPreviews().lower()),
            s.decryption().isEmpty()
                ? null
                : DecryptionBody.from(
                    s.decryption().identities().stream().map(CredentialName::value).toList())));
  }

  private static boolean declarable(GitAuth auth) {
    return auth == null || auth instanceof GitAuth.None || auth instanceof GitAuth.Named;
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
