package io.driftless.engine.domain;

/**
 * A target's health with the evidence, e.g. a health check command's output.
 *
 * @param output captured command output, bounded; empty when there was none
 */
public record HealthReport(Health health, String message, String output) {
  public HealthReport {
    health = health == null ? Health.UNKNOWN : health;
    message = message == null ? "" : message;
    output = output == null ? "" : output;
  }

  public static HealthReport healthy(String message) {
    return new HealthReport(Health.HEALTHY, message, "");
  }
}
