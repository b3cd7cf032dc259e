package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import io.driftless.engine.domain.SyncPolicy.SyncWindow.Kind;
import io.driftless.engine.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final SyncWindows windows = new SyncWindows(new MutableClock(Instant.EPOCH));

  // Deny 22:00-06:00 Paris time.
  private final SyncWindow nights =
      new SyncWindow(Kind.DENY, "0 0 22 * * ?", Duration.ofHours(8), PARIS);
  // Allow weekdays 09:00-17:00 UTC.
  private final SyncWindow office =
      new SyncWindow(Kind.ALLOW, "0 0 9 ? * MON-FRI", Duration.ofHours(8), ZoneId.of("UTC"));

  @Test
  void noWindowsAllowAlways() {
    assertThat(windows.allows(List.of(), Instant.parse("2026-03-10T03:00:00Z"))).isTrue();
  }

  @Test
  void denyWindowHoldsInsideAndNotOutside() {
    // 2026-03-10 is a Tuesday; Paris is UTC+1 in March.
    assertThat(windows.allows(List.of(nights), Instant.parse("2026-03-10T20:59:59Z"))).isTrue();
    assertThat(windows.allows(List.of(nights), Instant.parse("2026-03-10T21:00:00Z"))).isFalse();
    assertThat(windows.allows(List.of(nights), Instant.parse("2026-03-11T04:59:59Z"))).isFalse();
    assertThat(windows.allows(List.of(nights), Instant.parse("2026-03-11T05:00:00Z"))).isTrue();
  }

  @Test
  void allowWindowsMustHaveOneActive() {
    assertThat(windows.allows(List.of(office), Instant.parse("2026-03-10T10:00:00Z"))).isTrue();
    assertThat(windows.allows(List.of(office), Instant.parse("2026-03-10T18:00:00Z"))).isFalse();
    assertThat(windows.allows(List.of(office), Instant.parse("2026-03-14T10:00:00Z")))
        .as("saturday")
        .isFalse();
  }

  @Test
  void denyWinsOverAllow() {
    SyncWindow lunch =
        new SyncWindow(Kind.DENY, "0 0 12 * * ?", Duration.ofHours(1), ZoneId.of("UTC"));
    assertThat(windows.allows(List.of(office, lunch), Instant.parse("2026-03-10T12:30:00Z")))
        .isFalse();
    assertThat(windows.allows(List.of(office, lunch), Instant.parse("2026-03-10T13:00:00Z")))
        .isTrue();
  }

  @Test
  void nextAllowedIsTheEndOfTheDenyOrTheNextAllowOpening() {
    assertThat(windows.nextAllowed(List.of(nights), Instant.parse("2026-03-10T23:00:00Z")))
        .contains(Instant.parse("2026-03-11T05:00:00Z"));
    assertThat(windows.nextAllowed(List.of(office), Instant.parse("2026-03-13T18:00:00Z")))
        .as("friday evening waits for monday")
        .contains(Instant.parse("2026-03-16T09:00:00Z"));
    Instant open = Instant.parse("2026-03-10T10:00:00Z");
    assertThat(windows.nextAllowed(List.of(office), open)).contains(open);
  }

  @Test
  void badCronIsRejected() {
    assertThatThrownBy(
            () ->
                SyncWindows.validate(
                    List.of(new SyncWindow(Kind.DENY, "every day", Duration.ofHours(1), null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every day");
  }
}
