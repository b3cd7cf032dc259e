package io.driftless.engine.port.query;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunResult;
import java.util.Map;

/** How many changes a run planned, by action, and what became of them. */
public record ChangeCounts(
    int creates, int updates, int deletes, int applied, int failed, int skipped) {
  public static ChangeCounts none() {
    return new ChangeCounts(0, 0, 0, 0, 0, 0);
  }

  public int total() {
    return creates + updates + deletes;
  }

  /** What a finished run planned (creates, updates, deletes) and what became of it. */
  public static ChangeCounts of(RunResult result) {
    Map<ChangeAction, Integer> planned = result.plan().counts();
    int applied = 0;
    int failed = 0;
    int skipped = 0;
    for (ResourceOutcome outcome : result.outcomes()) {
      switch (outcome.result()) {
        case APPLIED -> applied++;
        case FAILED -> failed++;
        case SKIPPED, NOT_ATTEMPTED -> skipped++;
      }
    }
    return new ChangeCounts(
        planned.getOrDefault(ChangeAction.CREATE, 0),
        planned.getOrDefault(ChangeAction.UPDATE, 0),
        planned.getOrDefault(ChangeAction.DELETE, 0),
        applied,
        failed,
        skipped);
  }
}
