package io.driftless.engine.testing;

import org.junit.jupiter.api.Assumptions;

/** What a test does when something it needs from the machine (a database, a tool) is missing. */
public final class Prerequisites {
  private Prerequisites() {}

  /**
   * Skips the test with a visible message; on CI ({@code CI=true}), where nothing may be skipped,
   * fails it instead.
   */
  public static void missing(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + "; under CI=true it must not be skipped");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }
}
