package io.driftless.ssh.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TriggerType;
import io.driftless.engine.reconcile.ReconcileOutcome;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Rolling out in batches: the canary first, health between batches, stop on failure, rollback. */
class SshRolloutIT extends FleetTestBase {
  private static final TargetSpec.Rollout CANARY_FIRST =
      new TargetSpec.Rollout(List.of("1", "25%", "100%"), 10, true);

  /** Healthy unless a file {@code unhealthy} lies in the root of the host (put there by hand). */
  private CommandSpec healthCheck() {
    return new CommandSpec(
        List.of("test", "!", "-e", fleet.resolve("web/unhealthy").toString()),
        Duration.ofSeconds(5));
  }

  @Test
  void aFailingHealthCheckOnTheCanaryLeavesTheOtherHostsUntouched() throws Exception {
    Revision first = repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts, knownHosts(hosts), healthCheck(), CANARY_FIRST), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.writeString(file(0, "unhealthy"), "");

    Revision second = repo.commit(Map.of("env/web/nginx.conf", "v2\n"), "second");
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().code()).isEqualTo("apply.unhealthy");
    assertThat(outcome.result().error().message())
        .contains(
            hosts.get(0).host() + " failed after applying 1 change: health check did not pass")
        .contains(hosts.get(1).host() + " not attempted")
        .contains(hosts.get(2).host() + " not attempted");
    assertThat(read(0, "nginx.conf")).isEqualTo("v2\n");
    assertThat(read(1, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(2, "nginx.conf")).isEqualTo("v1\n");
    assertThat(outcome.result().outcomes())
        .filteredOn(o -> o.result() == ResourceOutcome.Result.APPLIED)
        .singleElement()
        .satisfies(o -> assertThat(o.change().key().value()).isEqualTo(key(0, "nginx.conf")));
    for (int i = 0; i < 3; i++) {
      assertNoStaging(i);
    }
    // The run says which host has which revision; the environment keeps it per host.
    assertThat(outcome.result().error().message())
        .contains(hosts.get(0).host() + " failed after applying 1 change: ")
        .contains("(at " + second.value().substring(0, 12) + ")")
        .doesNotContain(first.value().substring(0, 12));
    assertThat(store.places(ENV))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                hosts.get(0).host().toString(), new PlaceStatus(PlaceState.FAILED, second),
                hosts.get(1).host().toString(), new PlaceStatus(PlaceState.OUT_OF_SYNC, first),
                hosts.get(2).host().toString(), new PlaceStatus(PlaceState.OUT_OF_SYNC, first)));

    // Healthy again, the next run brings the two others to the second revision.
    Files.delete(file(0, "unhealthy"));
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(store.places(ENV).values()).containsOnly(new PlaceStatus(PlaceState.SYNCED, second));
  }

  @Test
  void aCommandTheServersPolicyRefusesFailsTheRunBeforeAnyHostIsWritten() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    // Registered behind the API's check (or allowed then, refused since): the run refuses it.
    CommandSpec curl =
        new CommandSpec(List.of("curl", "-fsS", "http://localhost/"), Duration.ofSeconds(5));
    register(target(hosts, knownHosts(hosts), curl, null, CANARY_FIRST), SyncPolicy.defaults());

    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().code()).isEqualTo("command.refused");
    assertThat(outcome.result().error().details()).containsEntry("field", "target.postApply");
    for (int i = 0; i < 3; i++) {
      assertThat(file(i, "nginx.conf")).doesNotExist();
    }

    register(target(hosts, knownHosts(hosts), null, curl, CANARY_FIRST), SyncPolicy.defaults());
    outcome = sync();

    assertThat(outcome.result().error().code()).isEqualTo("command.refused");
    assertThat(outcome.result().error().details()).containsEntry("field", "target.healthCheck");
    for (int i = 0; i < 3; i++) {
      assertThat(file(i, "nginx.conf")).doesNotExist();
    }
  }

  @Test
  void automaticRollbackReturnsTheAppliedHostsToTheLastHealthySnapshot() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    SyncPolicy rollback = new SyncPolicy(true, false, false, true, null, null);
    register(target(hosts, knownHosts(hosts), healthCheck(), CANARY_FIRST), rollback);
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.writeString(file(0, "unhealthy"), "");

    repo.commit(Map.of("env/web/nginx.conf", "v2\n"), "second");
    ReconcileOutcome outcome = sync();

    assertThat(store.runs(ENV))
        .extracting(run -> run.trigger().type())
        .contains(TriggerType.AUTO_ROLLBACK);
    assertThat(store.state(ENV).pin()).isNotNull();
    assertThat(outcome.result().plan().changes())
        .singleElement()
        .satisfies(c -> assertThat(c.key().value()).isEqualTo(key(0, "nginx.conf")));
    for (int i = 0; i < 3; i++) {
      assertThat(read(i, "nginx.conf")).isEqualTo("v1\n");
    }
  }

  @Test
  void aHostKilledMidRolloutIsRecordedFailedAndTheOthersFollowTheStrategy() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    TargetSpec.Rollout keepGoing = new TargetSpec.Rollout(List.of("1", "100%"), 10, false);
    CommandSpec slowPostApply = new CommandSpec(List.of("sleep", "2"), Duration.ofSeconds(10));
    register(
        target(hosts, knownHosts(hosts), slowPostApply, null, keepGoing), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);

    repo.commit(Map.of("env/web/nginx.conf", "v2\n"), "second");
    CompletableFuture<ReconcileOutcome> running = CompletableFuture.supplyAsync(this::sync);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!read(0, "nginx.conf").equals("v2\n") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // The canary is written and its post-apply command runs: the host of the next batch dies.
    hosts.get(2).kill();
    ReconcileOutcome outcome = running.get();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().message())
        .contains(hosts.get(0).host() + " applied 1 change")
        .contains(hosts.get(1).host() + " applied 1 change")
        .contains(hosts.get(2).host() + " failed, nothing written");
    assertThat(read(1, "nginx.conf")).isEqualTo("v2\n");
    assertThat(read(2, "nginx.conf")).isEqualTo("v1\n");

    hosts.get(2).restart();
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(read(2, "nginx.conf")).isEqualTo("v2\n");
    assertNoStaging(2);
  }
}
