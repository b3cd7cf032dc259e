package io.driftless.engine.domain;

/** The unique name of a named credential. */
public record CredentialName(String value) {
  public CredentialName {
    Name.check("credential", value);
  }

  public static CredentialName of(String value) {
    return new CredentialName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
