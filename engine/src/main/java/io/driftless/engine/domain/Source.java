package io.driftless.engine.domain;

import java.util.Objects;

/**
 * A registered Git repository.
 *
 * @param auth credentials to read (fetch)
 * @param writeAuth credentials to push restore commits; null means reuse {@code auth}
 * @param webhookSecret secret that webhook deliveries are signed with; null means webhooks cannot
 *     trigger this source
 * @param forkPreviews what previews of its pull requests from forks (untrusted heads) do
 * @param decryption the named keys its SOPS files are decrypted with
 */
public record Source(
    SourceName name,
    String url,
    GitAuth auth,
    GitAuth writeAuth,
    Secret webhookSecret,
    VerifyPolicy verify,
    ForkPreviews forkPreviews,
    SourceDecryption decryption) {

  public Source {
    Objects.requireNonNull(name, "name");
    Require.text(url, "source url is required");
    auth = auth == null ? GitAuth.none() : auth;
    verify = verify == null ? VerifyPolicy.none() : verify;
    forkPreviews = forkPreviews == null ? ForkPreviews.SUMMARY : forkPreviews;
    decryption = decryption == null ? SourceDecryption.none() : decryption;
  }

  public static Source of(SourceName name, String url) {
    return new Source(name, url, GitAuth.none(), null, null, VerifyPolicy.none(), null, null);
  }

  /** The same source with other credentials (e.g. a named credential resolved for one call). */
  public Source withAuth(GitAuth auth, GitAuth writeAuth) {
    return new Source(name, url, auth, writeAuth, webhookSecret, verify, forkPreviews, decryption);
  }

  public Source withDecryption(SourceDecryption decryption) {
    return new Source(name, url, auth, writeAuth, webhookSecret, verify, forkPreviews, decryption);
  }

  public GitAuth pushAuth() {
    return writeAuth == null ? auth : writeAuth;
  }
}
