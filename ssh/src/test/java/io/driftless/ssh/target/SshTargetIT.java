package io.driftless.ssh.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.target.StagingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ssh target kept equal to Git on three real hosts: sync, change, drift, prune, the fleet. */
class SshTargetIT extends FleetTestBase {

  @Test
  void aFirstSyncWritesEveryFileOnAllThreeHosts() throws Exception {
    repo.commit(
        Map.of("env/web/nginx.conf", "worker_processes 2;\n", "env/web/conf.d/site.conf", "a\n"),
        "first");
    register(target(hosts), SyncPolicy.defaults());

    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    for (int i = 0; i < 3; i++) {
      assertThat(read(i, "nginx.conf")).isEqualTo("worker_processes 2;\n");
      assertThat(read(i, "conf.d/site.conf")).isEqualTo("a\n");
      assertNoStaging(i);
    }
    assertThat(store.get(ENV).keys())
        .extracting(ResourceKey::value)
        .containsExactlyInAnyOrder(
            key(0, "nginx.conf"),
            key(0, "conf.d/site.conf"),
            key(1, "nginx.conf"),
            key(1, "conf.d/site.conf"),
            key(2, "nginx.conf"),
            key(2, "conf.d/site.conf"));
    assertThat(outcome.result().health().output())
        .contains(hosts.get(0).host() + " applied 2 changes")
        .contains(hosts.get(2).host() + " applied 2 changes");
  }

  @Test
  void aCommitChangesAllThreeHostsAndANoOpCheckReadsNoFile() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "one\n", "env/web/app.conf", "same\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);

    repo.commit(Map.of("env/web/nginx.conf", "two\n"), "second");
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.result().plan().changes())
        .extracting(c -> c.key().value())
        .containsExactlyInAnyOrder(
            key(0, "nginx.conf"), key(1, "nginx.conf"), key(2, "nginx.conf"));
    for (int i = 0; i < 3; i++) {
      assertThat(read(i, "nginx.conf")).isEqualTo("two\n");
      assertThat(read(i, "app.conf")).isEqualTo("same\n");
    }

    // Past the racy window (1 s here; SFTP shows whole seconds) a check trusts every stat.
    Thread.sleep(2_100);
    assertThat(sync().result().plan().isEmpty()).isTrue();
    long read = factory.filesRead();
    ReconcileOutcome check = sync();
    assertThat(check.result().plan().isEmpty()).isTrue();
    assertThat(check.recordedRun()).isEmpty();
    assertThat(factory.filesRead()).isEqualTo(read);
  }

  @Test
  void aLaterCheckUsesTheConnectionsKeptFromTheLastRunAndReconnectsARestartedHost()
      throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "one\n", "env/web/conf.d/site.conf", "a\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    int[] logins = new int[3];
    for (int i = 0; i < 3; i++) {
      logins[i] = hosts.get(i).connectionsAccepted();
    }

    assertThat(sync().result().plan().isEmpty()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(hosts.get(i).connectionsAccepted()).as("host %d", i).isEqualTo(logins[i]);
    }

    // A host restarted between runs broke its kept connection: dropped, and a new one made.
    hosts.get(1).restart();
    ReconcileOutcome check = sync();
    assertThat(check.result().plan().isEmpty()).isTrue();
    assertThat(hostStates()).containsEntry(hosts.get(1).host().toString(), PlaceState.SYNCED);
    assertThat(hosts.get(0).connectionsAccepted()).isEqualTo(logins[0]);
    assertThat(hosts.get(1).connectionsAccepted()).isEqualTo(logins[1] + 1);

    // Closing the factory (server shutdown) ends the kept connections: the next run logs in anew.
    useLimits(limits());
    assertThat(sync().result().plan().isEmpty()).isTrue();
    assertThat(hosts.get(0).connectionsAccepted()).isEqualTo(logins[0] + 1);
  }

  @Test
  void aSymlinkWhereAManagedFileOrDirectoryWasIsDriftAndNeverFollowed() throws Exception {
    repo.commit(
        Map.of("env/web/nginx.conf", "managed\n", "env/web/conf.d/site.conf", "site\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);

    // Elsewhere on host 1, the same content: a check that followed the links would see no drift.
    Path elsewhere = Files.createDirectories(hosts.get(1).root().resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("nginx.conf"), "managed\n");
    Files.writeString(elsewhere.resolve("site.conf"), "site\n");
    Files.delete(file(1, "nginx.conf"));
    Files.createSymbolicLink(file(1, "nginx.conf"), elsewhere.resolve("nginx.conf"));
    Files.delete(file(1, "conf.d/site.conf"));
    Files.delete(file(1, "conf.d"));
    Files.createSymbolicLink(file(1, "conf.d"), elsewhere);
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().drift()).isTrue();
    assertThat(outcome.result().plan().changes())
        .extracting(c -> c.key().value())
        .containsExactlyInAnyOrder(key(1, "nginx.conf"), key(1, "conf.d/site.conf"));
    assertThat(Files.readString(elsewhere.resolve("nginx.conf"))).isEqualTo("managed\n");
  }

  @Test
  void aHandEditOnOneHostIsDriftAndSelfHealRevertsIt() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "managed\n"), "first");
    register(target(hosts), SyncPolicy.defaults().withSelfHeal(true));
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);

    Files.writeString(file(1, "nginx.conf"), "edited by hand on one host\n");
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().drift()).isTrue();
    assertThat(outcome.result().plan().changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.key().value()).isEqualTo(key(1, "nginx.conf"));
              assertThat(change.drift()).isTrue();
            });
    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    for (int i = 0; i < 3; i++) {
      assertThat(read(i, "nginx.conf")).isEqualTo("managed\n");
    }
  }

  @Test
  void aHandEditLeftAloneMakesThatHostDriftedInTheEnvironmentsStatus() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "managed\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(hostStates().values()).containsOnly(PlaceState.SYNCED).hasSize(3);

    Files.writeString(file(2, "nginx.conf"), "edited by hand, self-heal off\n");
    sync();

    assertThat(hostStates())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                hosts.get(0).host().toString(), PlaceState.SYNCED,
                hosts.get(1).host().toString(), PlaceState.SYNCED,
                hosts.get(2).host().toString(), PlaceState.DRIFTED));
    assertThat(read(2, "nginx.conf")).isEqualTo("edited by hand, self-heal off\n");
  }

  @Test
  void whatAnInterruptedApplyLeftOnAHostIsGoneAfterTheNextRun() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    // As an apply killed between staging and renaming leaves it: a staged file, a directory it
    // created (journaled, still empty) and the journal.
    Path staging = file(1, StagingLayout.RESERVED_DIRECTORY + "/web");
    Files.createDirectories(staging);
    Files.writeString(
        staging.resolve(StagingLayout.TEMP_PREFIX + "00112233aabbccdd"), "v2 partial");
    Files.createDirectories(file(1, "conf.d/new"));
    Files.write(
        staging.resolve(StagingLayout.JOURNAL),
        StagingLayout.journal(List.of(List.of("conf.d"), List.of("conf.d", "new"))));

    ReconcileOutcome check = sync();

    assertThat(check.result().status()).isNotEqualTo(RunStatus.FAILED);
    assertNoStaging(1);
    assertThat(file(1, "conf.d")).doesNotExist();
    assertThat(read(1, "nginx.conf")).isEqualTo("v1\n");
  }

  @Test
  void pruneDeletesByEachHostsInventoryOnly() throws Exception {
    repo.commit(Map.of("env/web/a.conf", "a\n", "env/web/old/b.conf", "b\n"), "first");
    register(target(hosts), SyncPolicy.defaults().withPrune(true));
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.writeString(file(2, "old/by-hand.conf"), "not managed\n");
    Files.writeString(file(0, "by-hand.conf"), "not managed\n");

    repo.delete("env/web/old/b.conf");
    repo.commit("remove b");
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.result().plan().changes())
        .allMatch(c -> c.action() == ChangeAction.DELETE)
        .extracting(c -> c.key().value())
        .containsExactlyInAnyOrder(
            key(0, "old/b.conf"), key(1, "old/b.conf"), key(2, "old/b.conf"));
    for (int i = 0; i < 3; i++) {
      assertThat(file(i, "old/b.conf")).doesNotExist();
      assertThat(read(i, "a.conf")).isEqualTo("a\n");
    }
    assertThat(file(1, "old")).doesNotExist(); // left empty by the prune
    assertThat(read(2, "old/by-hand.conf")).isEqualTo("not managed\n");
    assertThat(read(0, "by-hand.conf")).isEqualTo("not managed\n");
  }

  @Test
  void aHostAddedGetsAFirstApplyAndAHostRemovedIsForgottenWithItsFilesLeft() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts.subList(0, 2)), SyncPolicy.defaults().withPrune(true));
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(file(2, "nginx.conf")).doesNotExist();

    register(target(hosts), SyncPolicy.defaults().withPrune(true));
    ReconcileOutcome added = sync();

    assertThat(added.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(added.result().outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.change().key().value()).isEqualTo(key(2, "nginx.conf"));
              assertThat(o.result()).isEqualTo(ResourceOutcome.Result.APPLIED);
            });
    assertThat(read(2, "nginx.conf")).isEqualTo("v1\n");
    assertThat(added.result().health().output())
        .contains(hosts.get(0).host() + " unchanged")
        .contains(hosts.get(2).host() + " applied 1 change");

    register(target(hosts.subList(1, 3)), SyncPolicy.defaults().withPrune(true));
    repo.commit(Map.of("env/web/nginx.conf", "v2\n"), "second");
    ReconcileOutcome removed = sync();

    assertThat(removed.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(removed.result().health().output())
        .contains(
            hosts.get(0).host() + " removed from the target: forgotten, its files left in place");
    assertThat(read(0, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(1, "nginx.conf")).isEqualTo("v2\n");
    assertThat(read(2, "nginx.conf")).isEqualTo("v2\n");
    assertThat(store.get(ENV).keys())
        .extracting(ResourceKey::value)
        .containsExactlyInAnyOrder(key(1, "nginx.conf"), key(2, "nginx.conf"));
    assertThat(List.of(removed.result().plan().changes().size())).containsExactly(2);
  }
}
