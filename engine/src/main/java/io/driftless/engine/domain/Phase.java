package io.driftless.engine.domain;

/** The phases of a run, in order. */
public enum Phase {
  FETCH,
  VERIFY,
  RENDER,
  READ_LIVE,
  DIFF,
  APPLY,
  HEALTH
}
