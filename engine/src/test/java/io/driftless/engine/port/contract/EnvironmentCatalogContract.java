package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.EnvironmentState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.Pin;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.EnvironmentLocks;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.LeaseLostException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Owner;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentStatus;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.port.query.RunQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.EnvironmentCatalog}, for every store that
 * implements it.
 */
public abstract class EnvironmentCatalogContract extends StoresContract {

  private String newSource() {
    String source = Fixtures.unique("src");
    stores.sources().register(Fixtures.plainSource(source));
    return source;
  }

  @Test
  void theWholeSpecRoundTrips() {
    Environment env = Fixtures.fullEnvironment(Fixtures.unique("full"), newSource());

    EnvironmentSummary registered = stores.environments().register(env);

    assertThat(registered.environment()).isEqualTo(env);
    assertThat(stores.environments().find(env.name())).contains(env);
    assertThat(registered.status()).isEqualTo(EnvironmentStatus.UNKNOWN);
    assertThat(registered.lastRun()).isNull();
  }

  @Test
  void anSshTargetRoundTripsWithItsHostsPinsAndRollout() {
    Environment full = Fixtures.fullEnvironment(Fixtures.unique("fleet"), newSource());
    CredentialName login = Fixtures.sshKeyCredential(stores, "fleet-key");
    TargetSpec.Ssh fleet =
        new TargetSpec.Ssh(
            List.of("web1.example.com", "10.0.0.7:2222", "[2001:db8::1]:22"),
            "deploy",
            login,
            "web1.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n",
            "/etc/nginx/driftless",
            new CommandSpec(List.of("nginx", "-s", "reload"), Duration.ofSeconds(5)),
            CommandSpec.shell("curl -fsS http://localhost/health"),
            Duration.ofSeconds(90),
            new TargetSpec.Rollout(List.of("1", "25%", "100%"), 4, true));
    Environment env = full.withTarget(fleet);

    stores.environments().register(env);

    assertThat(stores.environments().find(env.name())).contains(env);
  }

  @Test
  void aConfigEnvironmentsTargetRoundTripsWithItsScopeAndDeletion() {
    Environment full = Fixtures.fullEnvironment(Fixtures.unique("config"), newSource());
    Environment scoped =
        full.withTarget(
            new TargetSpec.Registry(
                new TargetSpec.RegistryScope(
                    List.of("site"), List.of("/srv/teams/a"), List.of("team-a"), true),
                true));
    Environment defaults =
        Fixtures.fullEnvironment(Fixtures.unique("config"), newSource())
            .withTarget(new TargetSpec.Registry(null, false));

    stores.environments().register(scoped);
    stores.environments().register(defaults);

    assertThat(stores.environments().find(scoped.name())).contains(scoped);
    assertThat(stores.environments().find(defaults.name())).contains(defaults);
    assertThat(((TargetSpec.Registry) defaults.target()).scope())
        .isEqualTo(TargetSpec.RegistryScope.DEFAULT);
  }

  @Test
  void thePlacesOfAnEnvironmentAreReplacedAndListedWithTheirRevisions() {
    Environment env = Fixtures.fullEnvironment(Fixtures.unique("places"), newSource());
    stores.environments().register(env);
    assertThat(stores.environments().find(env.name()).orElseThrow()).isEqualTo(env);
    assertThat(stores.environments().places(env.name())).isEmpty();
    Revision first = Fixtures.revision(1);
    Revision second = Fixtures.revision(2);

    stores
        .environments()
        .recordPlaces(
            env.name(),
            Map.of(
                "web1:22", new PlaceStatus(PlaceState.SYNCED, first),
                "web2:22", new PlaceStatus(PlaceState.DRIFTED, first),
                "web3:2222", new PlaceStatus(PlaceState.FAILED, null)));
    Map<String, PlaceStatus> after =
        Map.of(
            "web1:22", new PlaceStatus(PlaceState.SYNCED, second),
            "web2:22", new PlaceStatus(PlaceState.FAILED, first),
            "web4:22", new PlaceStatus(PlaceState.OUT_OF_SYNC, null));
    stores.environments().recordPlaces(env.name(), after);

    assertThat(stores.environments().places(env.name())).containsExactlyInAnyOrderEntriesOf(after);
    assertThat(stores.environments().view(env.name()).orElseThrow().places())
        .containsExactlyInAnyOrderEntriesOf(after);
  }

  @Test
  void aNewEnvironmentHasTheInitialState() {
    EnvironmentName env = newEnvironment();

    assertThat(stores.environments().state(env)).isEqualTo(EnvironmentState.initial());
  }

  @Test
  void anUnknownSourceIsNotFoundAndWritesNothing() throws Exception {
    Environment env = Fixtures.environment(Fixtures.unique("orphan"), "no-such-source");

    assertThatThrownBy(() -> stores.environments().register(env))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-source");
    assertThat(stores.environments().view(env.name())).isEmpty();
  }

  @Test
  void aDuplicateNameIsAConflict() throws Exception {
    String source = newSource();
    Environment env = Fixtures.environment(Fixtures.unique("twice"), source);
    stores.environments().register(env);

    assertThatThrownBy(() -> stores.environments().register(env.withRef("other")))
        .isInstanceOf(ConflictException.class);
    assertThat(stores.environments().find(env.name())).contains(env);
  }

  @Test
  void aTooLongRefIsInvalidInputAndWritesNothing() throws Exception {
    Environment env =
        Fixtures.environment(Fixtures.unique("longref"), newSource()).withRef("r".repeat(2000));

    assertThatThrownBy(() -> stores.environments().register(env))
        .isInstanceOf(InvalidInputException.class);
    assertThat(stores.environments().view(env.name())).isEmpty();
  }

  @Test
  void aCheckMovesTheStateButAddsNoRun() throws Exception {
    EnvironmentName env = newEnvironment();
    Instant at = Instant.parse("2026-02-03T04:05:06.123Z");

    stores.environments().recordChecked(env, Fixtures.revision(7), true, true, at);

    EnvironmentState state = stores.environments().state(env);
    assertThat(state.headRevision()).isEqualTo(Fixtures.revision(7));
    assertThat(state.outOfSync()).isTrue();
    assertThat(state.drift()).isTrue();
    assertThat(state.lastCheckedAt()).isEqualTo(at);
    assertThat(stores.runs().history(RunQuery.latest(env, 10)).items()).isEmpty();
  }

  @Test
  void anApplyIsRecordedUnderTheLease() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease = lease(env);
    Instant at = Instant.parse("2026-02-03T04:05:06Z");
    stores.environments().recordChecked(env, Fixtures.revision(1), true, true, at);

    stores
        .environments()
        .recordApplied(lease, Fixtures.revision(2), Fixtures.revision(3), Health.HEALTHY, at);

    EnvironmentState state = stores.environments().state(env);
    assertThat(state.appliedRevision()).isEqualTo(Fixtures.revision(2));
    assertThat(state.headRevision()).isEqualTo(Fixtures.revision(3));
    assertThat(state.health()).isEqualTo(Health.HEALTHY);
    assertThat(state.outOfSync()).isFalse();
    assertThat(state.drift()).isFalse();
    stores.locks().release(lease);
  }

  @Test
  void anApplyUnderALostLeaseIsRefused() {
    EnvironmentName env = newEnvironment();
    EnvironmentLocks.Lease lease =
        stores.locks().tryAcquire(env, "slow", Duration.ofSeconds(30)).orElseThrow();
    clock.advance(Duration.ofSeconds(31));

    assertThatThrownBy(
            () ->
                stores
                    .environments()
                    .recordApplied(
                        lease,
                        Fixtures.revision(2),
                        Fixtures.revision(2),
                        Health.HEALTHY,
                        clock.instant()))
        .isInstanceOf(LeaseLostException.class);
    assertThat(stores.environments().state(env).appliedRevision()).isNull();
  }

  @Test
  void pinSuspendAndUnpin() {
    EnvironmentName env = newEnvironment();

    stores.environments().pin(env, Fixtures.revision(5), true);
    stores.environments().setSuspended(env, true);

    EnvironmentState state = stores.environments().state(env);
    assertThat(state.pinnedRevision()).isEqualTo(Fixtures.revision(5));
    assertThat(state.pinnedByAutoRollback()).isTrue();
    assertThat(state.suspended()).isTrue();
    assertThat(stores.environments().view(env).orElseThrow().status())
        .isEqualTo(EnvironmentStatus.SUSPENDED);

    stores.environments().unpin(env);
    stores.environments().setSuspended(env, false);

    state = stores.environments().state(env);
    assertThat(state.pinned()).isFalse();
    assertThat(state.pinnedByAutoRollback()).isFalse();
    assertThat(state.suspended()).isFalse();
  }

  @Test
  void aPinKeepsWhoWhyItsSnapshotRunAndItsRestoreCommit() {
    EnvironmentName env = newEnvironment();
    RunId run = stores.runs().create(env, Trigger.schedule(), clock.instant());
    Instant at = Instant.parse("2026-02-01T10:00:00Z");

    Pin restoreRefused =
        new Pin(
            Fixtures.revision(3),
            false,
            "alice",
            "two is broken",
            at,
            run,
            Fixtures.revision(4),
            "refused: protected branch");
    stores.environments().pin(env, restoreRefused);

    Pin pin = stores.environments().state(env).pin();
    assertThat(pin).isEqualTo(restoreRefused);

    stores.environments().unpin(env);
    stores.environments().pin(env, Fixtures.revision(5), true);
    pin = stores.environments().state(env).pin();
    assertThat(pin.by()).isEqualTo(Pin.AUTOMATIC_ACTOR);
    assertThat(pin.reason()).isEmpty();
    assertThat(pin.snapshotRun()).isNull();
    assertThat(pin.restoreCommit()).isNull();
    assertThat(pin.restoreError()).isNull();
  }

  @Test
  void stateChangesOfAnUnknownEnvironmentAreNotFound() {
    EnvironmentName ghost = EnvironmentName.of(Fixtures.unique("ghost"));

    assertThatThrownBy(() -> stores.environments().state(ghost))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stores.environments().pin(ghost, Fixtures.revision(1), false))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> stores.environments().setSuspended(ghost, true))
        .isInstanceOf(NotFoundException.class);
    assertThat(stores.environments().find(ghost)).isEmpty();
  }

  @Test
  void updateChangesTheSpecAndKeepsTheState() {
    String source = newSource();
    Environment env = Fixtures.environment(Fixtures.unique("upd"), source);
    stores.environments().register(env);
    stores.environments().pin(env.name(), Fixtures.revision(9), false);
    String otherSource = newSource();
    Environment changed =
        new Environment(
            env.name(),
            SourceName.of(otherSource),
            "release",
            "other/path",
            null,
            null,
            env.target(),
            env.sync().withPrune(true),
            null);

    stores.environments().update(changed);

    assertThat(stores.environments().find(env.name())).contains(changed);
    assertThat(stores.environments().state(env.name()).pinnedRevision())
        .isEqualTo(Fixtures.revision(9));
  }

  @Test
  void listingPagesByNameAndFilters() {
    String source = newSource();
    String prefix = Fixtures.unique("lst");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String name = prefix + "-" + i;
      names.add(name);
      stores.environments().register(Fixtures.environment(name, source));
    }
    EnvironmentName failing = EnvironmentName.of(names.get(3));
    stores.runs().create(failing, Trigger.api("alice", "try"), clock.instant());

    assertThat(everyPage(new EnvironmentQuery(prefix + "-", null, null, null, 3)))
        .containsExactlyElementsOf(names);

    Page<EnvironmentSummary> bySource =
        stores
            .environments()
            .list(new EnvironmentQuery(null, SourceName.of(source), null, null, 100));
    assertThat(bySource.items()).hasSize(7);
    assertThat(bySource.nextCursor()).isNull();

    Page<EnvironmentSummary> running =
        stores
            .environments()
            .list(new EnvironmentQuery(prefix, null, EnvironmentStatus.RUNNING, null, 100));
    assertThat(running.items())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.environment().name()).isEqualTo(failing);
              assertThat(e.lastRun()).isNotNull();
              assertThat(e.lastRun().trigger().actor()).isEqualTo("alice");
            });
  }

  @Test
  void listingGivesEachEnvironmentItsLatestRunAcrossTiesAndNoneWithoutRuns() {
    String source = newSource();
    String prefix = Fixtures.unique("last");
    EnvironmentName tied = EnvironmentName.of(prefix + "-a");
    EnvironmentName none = EnvironmentName.of(prefix + "-b");
    EnvironmentName later = EnvironmentName.of(prefix + "-c");
    for (EnvironmentName name : List.of(tied, none, later)) {
      stores.environments().register(Fixtures.environment(name.value(), source));
    }
    Instant at = clock.instant();
    stores.runs().create(tied, Trigger.api("first", ""), at);
    stores.runs().create(tied, Trigger.api("second", ""), at);
    stores.runs().create(later, Trigger.api("old", ""), at);
    RunId newest = stores.runs().create(later, Trigger.api("new", ""), at.plusSeconds(1));
    // The run created last is the last run, whatever time it was given.
    RunId third = stores.runs().create(tied, Trigger.api("third", ""), at.minusSeconds(5));

    List<EnvironmentSummary> listed =
        stores
            .environments()
            .list(new EnvironmentQuery(prefix + "-", null, null, null, 10))
            .items();

    assertThat(listed)
        .extracting(e -> e.environment().name().value())
        .containsExactly(tied.value(), none.value(), later.value());
    assertThat(listed.get(0).lastRun().id()).isEqualTo(third);
    assertThat(listed.get(1).lastRun()).isNull();
    assertThat(listed.get(2).lastRun().id()).isEqualTo(newest);
    assertThat(stores.environments().view(later).orElseThrow().lastRun().id()).isEqualTo(newest);
  }

  @Test
  void listingByOwnerGivesTheEnvironmentsItDeclared() {
    String source = newSource();
    String prefix = Fixtures.unique("own");
    for (String suffix : List.of("-a", "-b", "-c")) {
      stores.environments().register(Fixtures.environment(prefix + suffix, source));
    }
    String owner = prefix + "-team";
    stores.owners().set(RegistryOwners.Kind.ENVIRONMENT, prefix + "-a", new Owner(owner, "a.yaml"));
    stores.owners().set(RegistryOwners.Kind.ENVIRONMENT, prefix + "-c", new Owner(owner, "c.yaml"));
    stores.owners().set(RegistryOwners.Kind.ENVIRONMENT, prefix + "-b", new Owner("other", "b"));

    assertThat(everyPage(new EnvironmentQuery(null, null, null, owner, null, 1)))
        .containsExactly(prefix + "-a", prefix + "-c");
  }

  /** The names of every page of a query, following the cursors. */
  private List<String> everyPage(EnvironmentQuery first) {
    List<String> seen = new ArrayList<>();
    EnvironmentQuery query = first;
    Page<EnvironmentSummary> page;
    do {
      page = stores.environments().list(query);
      page.items().forEach(e -> seen.add(e.environment().name().value()));
      query = query.after(page.nextCursor());
    } while (page.nextCursor() != null);
    return seen;
  }

  @Test
  void aPrefixWithWildcardsMatchesLiterally() {
    assertThat(stores.environments().list(new EnvironmentQuery("%", null, null, null, 10)).items())
        .isEmpty();
  }

  @Test
  void deletingAnEnvironmentRemovesItsRuns() throws Exception {
    EnvironmentName env = newEnvironment();
    stores.runs().create(env, Trigger.api("bob", ""), clock.instant());

    stores.environments().delete(env);

    assertThat(stores.environments().find(env)).isEmpty();
    assertThatThrownBy(() -> stores.environments().delete(env))
        .isInstanceOf(NotFoundException.class);
  }
}
