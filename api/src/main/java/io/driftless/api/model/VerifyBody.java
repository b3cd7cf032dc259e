package io.driftless.api.model;

import io.driftless.engine.domain.VerifyPolicy;
import java.util.List;

/**
 * The signature policy of a source.
 *
 * @param mode {@code none} or {@code head}
 * @param trustedKeys ASCII-armored OpenPGP public keys
 */
public record VerifyBody(String mode, List<String> trustedKeys) {
  public VerifyBody {
    trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
  }

  public VerifyPolicy toDomain(String field) {
    VerifyPolicy.Mode m = Fields.enumValue(field + ".mode", VerifyPolicy.Mode.class, mode);
    return Fields.check(field + ".trustedKeys", () -> new VerifyPolicy(m, trustedKeys));
  }

  public static VerifyBody from(VerifyPolicy policy) {
    return new VerifyBody(Fields.lower(policy.mode()), policy.trustedKeys());
  }
}
