package io.driftless.engine.domain;

/** The id of a run; positive and increasing. */
public record RunId(long value) {
  public RunId {
    if (value <= 0) {
      throw new IllegalArgumentException("run id must be positive: " + value);
    }
  }

  public static RunId of(long value) {
    return new RunId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
