package io.driftless.engine.secrets;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.Source;
import io.driftless.engine.sensitive.KeyedHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server decrypts SOPS files during a sync: with its own key files ({@code
 * secrets.ageKeyFile}, {@code secrets.pgpKeyFile}) and the named credentials of the source's {@code
 * decryption.identities}, all offered at once; and how a decrypted content is identified: by a
 * keyed hash under a key derived from the server's secrets key, never by a plain hash of the
 * plaintext, which would let anyone who sees it test guesses of a secret. Thread-safe.
 */
public final class SyncDecryption {
  /** The purpose the keyed hash of decrypted contents is derived for. */
  public static final String KEY_PURPOSE = "sops-plaintext";

  private static final Logger LOG = LoggerFactory.getLogger(SyncDecryption.class);

  private final List<DecryptionIdentity> serverKeys;
  private final Function<CredentialName, Optional<Credential>> credentials;
  private final KeyedHash hash;

  /**
   * @param serverKeys the identities of the server's key files
   * @param credentials the named credentials with their secrets
   * @param hash the keyed hash derived for {@link #KEY_PURPOSE}
   */
  public SyncDecryption(
      List<DecryptionIdentity> serverKeys,
      Function<CredentialName, Optional<Credential>> credentials,
      KeyedHash hash) {
    this.serverKeys = List.copyOf(serverKeys);
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.hash = Objects.requireNonNull(hash, "hash");
  }

  /**
   * The identities offered for {@code source}'s SOPS files: the server's, then the source's
   * credentials in order. A credential removed or changed to another type since the source named it
   * offers nothing, and a file only it could decrypt fails with {@code sops.no_key}, which lists
   * the identities offered.
   */
  public List<DecryptionIdentity> identities(Source source) {
    List<DecryptionIdentity> all = new ArrayList<>(serverKeys);
    for (CredentialName name : source.decryption().identities()) {
      Credential credential = credentials.apply(name).orElse(null);
      String text = null;
      if (credential instanceof Credential.AgeIdentity age) {
        text = age.identity().reveal();
      } else if (credential instanceof Credential.PgpKey pgp) {
        text = pgp.privateKey().reveal();
      }
      if (text == null) {
        LOG.warn(
            "source {}: decryption identity '{}' is not an age-identity or pgp-key credential",
            source.name(),
            name);
        continue;
      }
      try {
        all.addAll(DecryptionIdentity.parseKeyFile(text));
      } catch (IllegalArgumentException e) {
        LOG.warn("source {}: credential '{}' {}", source.name(), name, e.getMessage());
      }
    }
    return all;
  }

  /** The id of a decrypted content: its keyed hash, cut to the length of a content hash. */
  public ContentHash idOf(byte[] plaintext) {
    return ContentHash.of(hash.of(plaintext).substring(0, 40));
  }
}
