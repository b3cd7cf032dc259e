package io.driftless.engine.domain;

/** How the target reports itself after an apply. */
public enum Health {
  UNKNOWN,
  HEALTHY,
  PROGRESSING,
  DEGRADED
}
