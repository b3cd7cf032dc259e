package io.driftless.engine.port.query;

/** How many changes a run planned, by action, and what became of them. */
public record ChangeCounts(
    int creates, int updates, int deletes, int applied, int failed, int skipped) {
  public static ChangeCounts none() {
    return new ChangeCounts(0, 0, 0, 0, 0, 0);
  }

  public int total() {
    return creates + updates + deletes;
  }
}
