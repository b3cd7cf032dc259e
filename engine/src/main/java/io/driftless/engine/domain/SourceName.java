package io.driftless.engine.domain;

/** The unique name of a registered source. */
public record SourceName(String value) {
  public SourceName {
    Name.check("source", value);
  }

  public static SourceName of(String value) {
    return new SourceName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
