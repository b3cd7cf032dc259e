package io.driftless.engine.secrets;

import java.util.Map;

/**
 * A SOPS feature that Driftless does not implement, such as key groups with a Shamir threshold,
 * cloud KMS keys without an age or PGP recipient, or comment regexes.
 */
public final class SopsUnsupportedException extends SopsException {
  private final String feature;

  SopsUnsupportedException(String file, String feature, String advice) {
    super(
        "sops.unsupported",
        file,
        0,
        feature + " is not supported: " + advice,
        Map.of("feature", feature));
    this.feature = feature;
  }

  /** A short name of the feature. */
  public String feature() {
    return feature;
  }
}
