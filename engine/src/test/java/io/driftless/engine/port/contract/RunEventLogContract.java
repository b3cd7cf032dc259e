package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.port.query.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.RunEventLog}, for every store that implements it.
 */
public abstract class RunEventLogContract extends StoresContract {

  @Test
  void eventsComeBackInIdOrderAfterTheIdAskedWithTheirPayload() {
    long start = stores.events().newestId();
    long first = stores.events().append(event(clock.instant(), "run.started", 1L, "{\"n\":1}"));
    long second = stores.events().append(event(clock.instant(), "run.finished", null, "{\"n\":2}"));

    assertThat(second).isGreaterThan(first);
    assertThat(first).isGreaterThan(start);
    assertThat(stores.events().newestId()).isEqualTo(second);
    List<StoredEvent> after = stores.events().after(start, 10);
    assertThat(after).extracting(StoredEvent::id).containsExactly(first, second);
    assertThat(after.get(0).data()).isEqualTo("{\"n\":1}");
    assertThat(after.get(0).run()).isEqualTo(1L);
    assertThat(after.get(1).run()).isNull();
    assertThat(stores.events().after(start, 1)).extracting(StoredEvent::id).containsExactly(first);
    assertThat(stores.events().after(second, 10)).isEmpty();
  }

  @Test
  void forgettingRemovesOnlyEventsOlderThanTheCutoff() {
    Instant old = clock.instant().minus(Duration.ofDays(10));
    long start = stores.events().newestId();
    stores.events().append(event(old, "run.started", 2L, "{}"));
    long young = stores.events().append(event(clock.instant(), "run.started", 3L, "{}"));

    int forgotten = stores.events().forgetBefore(clock.instant().minus(Duration.ofDays(1)));

    assertThat(forgotten).isGreaterThanOrEqualTo(1);
    assertThat(stores.events().after(start, 10)).extracting(StoredEvent::id).containsExactly(young);
  }

  private static StoredEvent event(Instant at, String type, Long run, String data) {
    return new StoredEvent(0, at, type, "staging", run, data);
  }
}
