package io.driftless.engine.port.query;

import io.driftless.engine.domain.RunId;
import java.util.Objects;

/** A page of a run's changes in plan order. */
public record ChangeQuery(RunId run, String cursor, int limit) {
  public ChangeQuery {
    Objects.requireNonNull(run, "run");
    limit = Page.limit(limit);
  }

  public static ChangeQuery first(RunId run, int limit) {
    return new ChangeQuery(run, null, limit);
  }

  public ChangeQuery after(String cursor) {
    return new ChangeQuery(run, cursor, limit);
  }
}
