package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshTargetSpecTest {

  @Test
  void batchesAreCumulativeCountsOrSharesAndTheLastTakesEveryHostLeft() {
    TargetSpec.Rollout canary = new TargetSpec.Rollout(List.of("1", "25%", "100%"), 10, true);

    assertThat(canary.sizes(1)).containsExactly(1);
    assertThat(canary.sizes(3)).containsExactly(1, 2);
    assertThat(canary.sizes(8)).containsExactly(1, 1, 6);
    assertThat(canary.sizes(10)).containsExactly(1, 2, 7);
    assertThat(canary.sizes(0)).isEmpty();
    assertThat(new TargetSpec.Rollout(List.of("2", "50%"), 1, false).sizes(10))
        .containsExactly(2, 3, 5);
    assertThat(TargetSpec.Rollout.ALL_AT_ONCE.sizes(4)).containsExactly(4);
  }

  @Test
  void aBatchIsAPositiveCountOrAShareUpToAllHosts() {
    for (String step : List.of("0", "0%", "101%", "-1", "a", "1.5", "")) {
      assertThatThrownBy(() -> new TargetSpec.Rollout(List.of(step), 1, false))
          .as(step)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new TargetSpec.Rollout(null, 0, false))
        .hasMessageContaining("maxParallel");
  }

  @Test
  void anSshTargetNeedsHostsPinnedKeysAndAnAbsoluteRoot() {
    CredentialName key = CredentialName.of("fleet");
    String pins = "web1 ssh-ed25519 AAAA";
    assertThatThrownBy(
            () ->
                new TargetSpec.Ssh(List.of(), "deploy", key, pins, "/srv", null, null, null, null))
        .hasMessageContaining("at least one host");
    assertThatThrownBy(
            () ->
                new TargetSpec.Ssh(
                    List.of("web1", "web1"), "deploy", key, pins, "/srv", null, null, null, null))
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () ->
                new TargetSpec.Ssh(
                    List.of("web1"), "deploy", key, " ", "/srv", null, null, null, null))
        .hasMessageContaining("never trusted on first use");
    assertThatThrownBy(
            () ->
                new TargetSpec.Ssh(
                    List.of("web1"), "deploy", key, pins, "srv", null, null, null, null))
        .hasMessageContaining("absolute");
    TargetSpec.Ssh spec =
        new TargetSpec.Ssh(List.of("web1"), "deploy", key, pins, "/srv", null, null, null, null);
    assertThat(spec.type()).isEqualTo("ssh");
    assertThat(spec.rollout()).isEqualTo(TargetSpec.Rollout.ALL_AT_ONCE);
    assertThat(spec.healthTimeout()).isEqualTo(TargetSpec.Ssh.DEFAULT_HEALTH_TIMEOUT);
  }
}
