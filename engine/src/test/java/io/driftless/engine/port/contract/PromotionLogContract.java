package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Promotion;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.PromotionState;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.PromotionQuery;
import io.driftless.engine.port.query.PromotionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@link io.driftless.engine.port.PromotionLog}, for every store. */
public abstract class PromotionLogContract extends StoresContract {

  private Promotion promotion(EnvironmentName into, int revision) {
    return new Promotion(
        into,
        EnvironmentName.of("staging"),
        "envs/staging",
        new PromotionPaths(List.of("VERSION", "release/**")),
        PromotionRule.Via.PULL_REQUEST,
        Fixtures.revision(revision),
        Fixtures.revision(revision + 1000),
        "driftless/promote/" + into,
        new Promotion.PullRequestLink(7, "https://git.example.com/pr/7"),
        "alice",
        "release 1." + revision,
        Instant.parse("2025-12-31T23:00:00Z"));
  }

  @Test
  void aPromotionIsStoredWithEveryFieldAndFoundAgain() {
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    Promotion p = promotion(prod, 1);

    PromotionRecord stored = stores.promotions().record(p, PromotionState.OPEN, null);

    assertThat(stored.id()).isPositive();
    assertThat(stored.promotion()).isEqualTo(p);
    assertThat(stored.state()).isEqualTo(PromotionState.OPEN);
    assertThat(stored.createdAt()).isEqualTo(clock.instant());
    assertThat(stored.settledAt()).isNull();
    assertThat(stores.promotions().find(stored.id())).contains(stored);
    assertThat(stores.promotions().pending(prod)).containsExactly(stored);
    assertThat(stores.promotions().promoted(prod, Fixtures.revision(1))).isTrue();
    assertThat(stores.promotions().promoted(prod, Fixtures.revision(2))).isFalse();
    assertThat(
            stores
                .promotions()
                .promoted(EnvironmentName.of(Fixtures.unique("other")), Fixtures.revision(1)))
        .isFalse();
  }

  @Test
  void aPromotionWithoutCommitOrPullRequestIsStoredWithItsFailure() {
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    Promotion refused =
        new Promotion(
            prod,
            EnvironmentName.of("staging"),
            "",
            null,
            PromotionRule.Via.COMMIT,
            Fixtures.revision(3),
            null,
            null,
            null,
            "bob",
            "why",
            null);

    PromotionRecord stored =
        stores.promotions().record(refused, PromotionState.FAILED, "pre-receive hook declined");

    assertThat(stores.promotions().find(stored.id()).orElseThrow().promotion()).isEqualTo(refused);
    assertThat(stored.failure()).isEqualTo("pre-receive hook declined");
    assertThat(stored.settledAt()).isEqualTo(clock.instant());
    assertThat(stores.promotions().pending(prod)).isEmpty();
  }

  @Test
  void aNewerPendingPromotionSupersedesTheOlderOneOfTheSameEnvironmentOnly() {
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    EnvironmentName other = EnvironmentName.of(Fixtures.unique("other"));
    PromotionRecord older =
        stores.promotions().record(promotion(prod, 1), PromotionState.OPEN, null);
    PromotionRecord elsewhere =
        stores.promotions().record(promotion(other, 1), PromotionState.OPEN, null);
    clock.advance(Duration.ofMinutes(1));

    PromotionRecord diverged =
        stores.promotions().record(promotion(prod, 2), PromotionState.DIVERGED, "foreign");
    assertThat(stores.promotions().pending(prod)).containsExactly(older);

    PromotionRecord newer =
        stores.promotions().record(promotion(prod, 3), PromotionState.MERGED, null);

    assertThat(stores.promotions().pending(prod)).containsExactly(newer);
    PromotionRecord superseded = stores.promotions().find(older.id()).orElseThrow();
    assertThat(superseded.state()).isEqualTo(PromotionState.SUPERSEDED);
    assertThat(superseded.settledAt()).isEqualTo(clock.instant());
    assertThat(stores.promotions().find(diverged.id()).orElseThrow().state())
        .isEqualTo(PromotionState.DIVERGED);
    assertThat(stores.promotions().pending(other)).containsExactly(elsewhere);
  }

  @Test
  void settlingMovesOnlyAPendingPromotion() {
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    PromotionRecord open =
        stores.promotions().record(promotion(prod, 1), PromotionState.OPEN, null);
    clock.advance(Duration.ofMinutes(5));

    assertThat(stores.promotions().settle(open.id(), PromotionState.APPLIED, RunId.of(42), null))
        .isTrue();
    assertThat(stores.promotions().settle(open.id(), PromotionState.FAILED, RunId.of(43), "x"))
        .isFalse();
    assertThat(stores.promotions().settle(Long.MAX_VALUE / 2, PromotionState.APPLIED, null, null))
        .isFalse();

    PromotionRecord applied = stores.promotions().find(open.id()).orElseThrow();
    assertThat(applied.state()).isEqualTo(PromotionState.APPLIED);
    assertThat(applied.appliedRun()).isEqualTo(RunId.of(42));
    assertThat(applied.failure()).isNull();
    assertThat(applied.settledAt()).isEqualTo(clock.instant());
    assertThat(applied.updatedAt()).isEqualTo(clock.instant());
    assertThat(applied.createdAt()).isEqualTo(open.createdAt());
    assertThat(stores.promotions().pending(prod)).isEmpty();

    PromotionRecord second =
        stores.promotions().record(promotion(prod, 2), PromotionState.MERGED, null);
    assertThat(stores.promotions().settle(second.id(), PromotionState.FAILED, RunId.of(44), "boom"))
        .isTrue();
    assertThat(stores.promotions().find(second.id()).orElseThrow().failure()).isEqualTo("boom");
  }

  @Test
  void theListIsPagedNewestFirstAndFilteredByEnvironment() {
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    stores
        .promotions()
        .record(promotion(EnvironmentName.of(Fixtures.unique("x")), 1), PromotionState.OPEN, null);
    PromotionRecord a = stores.promotions().record(promotion(prod, 1), PromotionState.OPEN, null);
    PromotionRecord b = stores.promotions().record(promotion(prod, 2), PromotionState.OPEN, null);
    PromotionRecord c = stores.promotions().record(promotion(prod, 3), PromotionState.OPEN, null);

    Page<PromotionRecord> first = stores.promotions().list(new PromotionQuery(prod, null, 2));
    assertThat(first.items()).extracting(PromotionRecord::id).containsExactly(c.id(), b.id());
    Page<PromotionRecord> second =
        stores.promotions().list(new PromotionQuery(prod, first.nextCursor(), 2));
    assertThat(second.items()).extracting(PromotionRecord::id).containsExactly(a.id());
    assertThat(second.nextCursor()).isNull();
    assertThat(stores.promotions().list(new PromotionQuery(null, null, 1000)).items())
        .hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void theCountsByStateFollowEveryChange() {
    Map<PromotionState, Long> before = stores.promotions().countByState();
    EnvironmentName prod = EnvironmentName.of(Fixtures.unique("prod"));
    PromotionRecord open =
        stores.promotions().record(promotion(prod, 1), PromotionState.OPEN, null);
    stores.promotions().record(promotion(prod, 2), PromotionState.OPEN, null);
    stores.promotions().settle(open.id(), PromotionState.APPLIED, null, null);

    Map<PromotionState, Long> after = stores.promotions().countByState();
    assertThat(after.getOrDefault(PromotionState.OPEN, 0L))
        .isEqualTo(before.getOrDefault(PromotionState.OPEN, 0L) + 1);
    assertThat(after.getOrDefault(PromotionState.SUPERSEDED, 0L))
        .isEqualTo(before.getOrDefault(PromotionState.SUPERSEDED, 0L) + 1);
    assertThat(after.getOrDefault(PromotionState.APPLIED, 0L))
        .isEqualTo(before.getOrDefault(PromotionState.APPLIED, 0L));
  }
}
