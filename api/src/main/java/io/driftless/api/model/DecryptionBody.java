package io.driftless.api.model;

import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.SourceDecryption;
import java.util.ArrayList;
import java.util.List;

/**
 * A source's {@code decryption}: the named credentials (type {@code age-identity} or {@code
 * pgp-key}) its SOPS files are decrypted with during a sync, besides the server's key files.
 *
 * @param identities credential names; empty or absent for none
 */
public record DecryptionBody(List<String> identities) {
  public DecryptionBody {
    identities = identities == null ? List.of() : List.copyOf(identities);
  }

  SourceDecryption toDomain() {
    List<CredentialName> names = new ArrayList<>();
    for (String name : identities) {
      names.add(Fields.check("decryption.identities", () -> CredentialName.of(name)));
    }
    return Fields.check("decryption.identities", () -> new SourceDecryption(names));
  }

  static DecryptionBody from(List<String> identities) {
    return new DecryptionBody(identities);
  }
}
