package io.driftless.engine.secrets;

import java.util.Map;

/**
 * A SOPS feature that Driftless does not implement, such as key groups with a Shamir threshold,
 * cloud KMS keys without an age or PGP recipient, or comment regexes.
 */
public final class SopsUnsupportedException extends SopsException {
  private final String feature;

  SopsUnsupportedException(String file, String feature, String advice) {
    super(file, feature + " is not supported: " + advice);
    this.feature = feature;
  }

  /** A short name of the feature. */
  public String feature() {
    return feature;
  }

  @Override
  public String code() {
    return "sops.unsupported";
  }

  @Override
  public Map<String, String> details() {
    Map<String, String> details = super.details();
    details.put("feature", feature);
    return details;
  }
}
