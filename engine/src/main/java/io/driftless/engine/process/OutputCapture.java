package io.driftless.engine.process;

/**
 * How much of one output stream to keep, and which end of it.
 *
 * @param limit the most bytes kept
 * @param keep {@link Keep#HEAD} for output that is parsed (a cut is an overflow, never applied),
 *     {@link Keep#TAIL} for output a person reads (the last words hold the error)
 */
public record OutputCapture(int limit, Keep keep) {
  /** Which end of a stream is kept when it says more than the limit. */
  public enum Keep {
    HEAD,
    TAIL
  }

  public OutputCapture {
    if (limit <= 0) {
      throw new IllegalArgumentException("output limit must be positive");
    }
    if (keep == null) {
      throw new IllegalArgumentException("which end of the output to keep is required");
    }
  }

  public static OutputCapture head(int limit) {
    return new OutputCapture(limit, Keep.HEAD);
  }

  public static OutputCapture tail(int limit) {
    return new OutputCapture(limit, Keep.TAIL);
  }
}
