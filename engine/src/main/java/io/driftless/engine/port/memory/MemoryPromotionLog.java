package io.driftless.engine.port.memory;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.PromotionLog;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.PromotionQuery;
import io.driftless.engine.port.query.PromotionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Promotions in memory; ids are positions in the list, plus one. */
public final class MemoryPromotionLog implements PromotionLog {
  private final Clock clock;
  private final List<PromotionRecord> records = new ArrayList<>();

  public MemoryPromotionLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized PromotionRecord record(
      Promotion promotion, PromotionState state, String failure) {
    Instant now = clock.instant();
    if (state.pending()) {
      for (PromotionRecord r : pending(promotion.environment())) {
        replace(r, PromotionState.SUPERSEDED, r.appliedRun(), r.failure(), now);
      }
    }
    PromotionRecord stored =
        new PromotionRecord(
            records.size() + 1L, promotion, state, failure, null, now, now, settledAt(state, now));
    records.add(stored);
    return stored;
  }

  @Override
  public synchronized List<PromotionRecord> pending(EnvironmentName environment) {
    List<PromotionRecord> pending = new ArrayList<>();
    for (int i = records.size() - 1; i >= 0; i--) {
      PromotionRecord r = records.get(i);
      if (r.state().pending() && r.promotion().environment().equals(environment)) {
        pending.add(r);
      }
    }
    return pending;
  }

  @Override
  public synchronized boolean settle(long id, PromotionState state, RunId run, String failure) {
    PromotionRecord r = find(id).orElse(null);
    if (r == null || !r.state().pending()) {
      return false;
    }
    replace(r, state, run, failure, clock.instant());
    return true;
  }

  @Override
  public synchronized Optional<PromotionRecord> find(long id) {
    return id < 1 || id > records.size()
        ? Optional.empty()
        : Optional.of(records.get((int) id - 1));
  }

  @Override
  public synchronized boolean promoted(EnvironmentName environment, Revision revision) {
    return records.stream()
        .anyMatch(
            r ->
                r.promotion().environment().equals(environment)
                    && r.promotion().revision().equals(revision));
  }

  @Override
  public synchronized Page<PromotionRecord> list(PromotionQuery query) {
    long before = Page.cursorId(query.cursor());
    List<PromotionRecord> rows = new ArrayList<>();
    for (int i = records.size() - 1; i >= 0 && rows.size() <= query.limit(); i--) {
      PromotionRecord r = records.get(i);
      if (r.id() < before
          && (query.environment() == null
              || query.environment().equals(r.promotion().environment()))) {
        rows.add(r);
      }
    }
    return Page.of(rows, query.limit(), last -> Long.toString(last.id()));
  }

  @Override
  public synchronized Map<PromotionState, Long> countByState() {
    Map<PromotionState, Long> counts = new EnumMap<>(PromotionState.class);
    records.forEach(r -> counts.merge(r.state(), 1L, Long::sum));
    return counts;
  }

  private void replace(
      PromotionRecord r, PromotionState state, RunId run, String failure, Instant now) {
    records.set(
        (int) r.id() - 1,
        new PromotionRecord(
            r.id(), r.promotion(), state, failure, run, r.createdAt(), now, settledAt(state, now)));
  }

  private static Instant settledAt(PromotionState state, Instant now) {
    return state.settled() ? now : null;
  }
}
