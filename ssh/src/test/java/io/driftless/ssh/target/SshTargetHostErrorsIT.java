package io.driftless.ssh.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.RunStatus;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.ssh.testing.TestSshKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host that cannot be trusted or entered fails alone: a clear error naming it, nothing written
 * there, the other hosts applied.
 */
class SshTargetHostErrorsIT extends FleetTestBase {

  @Test
  void aChangedHostKeyFailsThatHostAndTheOthersAreApplied() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts), SyncPolicy.defaults());
    assertThat(sync().result().status()).isEqualTo(RunStatus.SUCCEEDED);

    hosts.get(1).replaceHostKey();
    repo.commit(Map.of("env/web/nginx.conf", "v2\n"), "second");
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().message())
        .contains("the host key of " + hosts.get(1).host() + " has changed")
        .contains(hosts.get(0).host() + " applied 1 change")
        .contains(hosts.get(2).host() + " applied 1 change");
    assertThat(read(0, "nginx.conf")).isEqualTo("v2\n");
    assertThat(read(1, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(2, "nginx.conf")).isEqualTo("v2\n");
    assertThat(outcome.result().outcomes())
        .filteredOn(o -> o.change().key().value().equals(key(1, "nginx.conf")))
        .singleElement()
        .extracting(ResourceOutcome::result)
        .isEqualTo(ResourceOutcome.Result.FAILED);
    assertNoStaging(1);
    assertThat(hostStates())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                hosts.get(0).host().toString(), PlaceState.SYNCED,
                hosts.get(1).host().toString(), PlaceState.FAILED,
                hosts.get(2).host().toString(), PlaceState.SYNCED));
  }

  @Test
  void anUnknownHostKeyFailsThatHostWithNothingWrittenThere() throws Exception {
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts, knownHosts(hosts.subList(0, 2)), null, null), SyncPolicy.defaults());

    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().message())
        .contains(hosts.get(2).host() + " failed, nothing written")
        .contains("no host key is pinned for it");
    assertThat(read(0, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(1, "nginx.conf")).isEqualTo("v1\n");
    assertThat(hosts.get(2).root().resolve("web")).doesNotExist();
  }

  @Test
  void aHostThatRefusesTheKeyFailsAloneWithNothingWrittenThere() throws Exception {
    replaceHost(1, TestSshKey.generate(tmp.resolve("other-keys"), "someone-else"));
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    register(target(hosts), SyncPolicy.defaults());

    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().message())
        .contains(hosts.get(1).host() + " did not accept the key " + key.fingerprint());
    assertThat(hosts.get(1).root().resolve("web")).doesNotExist();
    assertThat(read(0, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(2, "nginx.conf")).isEqualTo("v1\n");
  }

  @Test
  void aHostOutsideAllowedHostsIsRefusedAtRegistrationAndFailsAloneInARun() throws Exception {
    SshTargetFactory.Limits twoHosts =
        new SshTargetFactory.Limits(
            List.of(hosts.get(0).host().toString(), hosts.get(1).host().toString()),
            List.of(fleet.toString()));
    repo.commit(Map.of("env/web/nginx.conf", "v1\n"), "first");
    TargetSpec.Ssh all = target(hosts);
    Environment environment =
        new Environment(ENV, SITE, "main", "env/web", null, null, all, null, null);

    assertThatThrownBy(() -> factory(twoHosts).check(environment))
        .isInstanceOf(TargetConfigException.class)
        .hasMessageContaining("host " + hosts.get(2).host() + " is not one the server allows")
        .satisfies(
            e ->
                assertThat(((TargetConfigException) e).details())
                    .containsEntry("field", "target.hosts"));

    // Registered before the server narrowed its allowedHosts: the run fails that host alone.
    register(all, SyncPolicy.defaults());
    useLimits(twoHosts);
    ReconcileOutcome outcome = sync();

    assertThat(outcome.result().status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.result().error().message())
        .contains(hosts.get(2).host() + " failed, nothing written: host " + hosts.get(2).host());
    assertThat(hosts.get(2).root().resolve("web")).doesNotExist();
    assertThat(hosts.get(2).connectionsAccepted()).isZero();
    assertThat(read(0, "nginx.conf")).isEqualTo("v1\n");
    assertThat(read(1, "nginx.conf")).isEqualTo("v1\n");
  }

  @Test
  void registrationNamesTheFieldOfAnUnusableCredentialOrRoot() throws Exception {
    credentials.add(
        CredentialName.of("a-token"),
        new Credential.Token("git", Secret.of("t0ken")),
        CredentialOrigins.none(),
        List.of(),
        "test");
    String pins = knownHosts(hosts);
    String root = fleet.resolve("web").toString();
    List<String> names = List.of(hosts.get(0).host().toString());
    assertThat(field(spec(names, "missing", pins, root))).isEqualTo("target.credential");
    assertThat(field(spec(names, "a-token", pins, root))).isEqualTo("target.credential");
    assertThat(field(spec(names, DEPLOY.value(), pins, "/etc"))).isEqualTo("target.root");
    assertThat(field(spec(List.of("bad host"), DEPLOY.value(), pins, root)))
        .isEqualTo("target.hosts");
    assertThat(field(spec(names, DEPLOY.value(), "not a known_hosts line", root)))
        .isEqualTo("target.knownHosts");
    assertThat(field(spec(names, DEPLOY.value(), pins, root))).isNull();
  }

  private static TargetSpec.Ssh spec(
      List<String> hosts, String credential, String knownHosts, String root) {
    return new TargetSpec.Ssh(
        hosts, "deploy", CredentialName.of(credential), knownHosts, root, null, null, null, null);
  }

  private String field(TargetSpec.Ssh spec) {
    Environment environment =
        new Environment(ENV, SITE, "main", "env/web", null, null, spec, null, null);
    try {
      factory.check(environment);
    } catch (TargetConfigException e) {
      return e.details().get("field");
    }
    return null;
  }
}
