package io.driftless.engine.domain;

/** The unique name of a registered environment. */
public record EnvironmentName(String value) {
  public EnvironmentName {
    Name.check("environment", value);
  }

  public static EnvironmentName of(String value) {
    return new EnvironmentName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
