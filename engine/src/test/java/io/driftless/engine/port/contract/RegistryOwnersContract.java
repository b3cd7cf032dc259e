package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Kind;
import io.driftless.engine.port.RegistryOwners.Owner;
import org.junit.jupiter.api.Test;

/** The contract of {@link RegistryOwners}. */
public abstract class RegistryOwnersContract extends StoresContract {

  @Test
  void anObjectRegisteredWithoutAnOwnerHasNone() {
    EnvironmentName env = newEnvironment();

    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value())).isEmpty();
    assertThat(stores.owners().all(Kind.ENVIRONMENT)).doesNotContainKey(env.value());
  }

  @Test
  void anOwnerIsKeptPerKindAndCleared() {
    EnvironmentName env = newEnvironment();
    String source = stores.environments().find(env).orElseThrow().source().value();
    Owner owner = new Owner("team-a", "envs/web.yaml");

    stores.owners().set(Kind.ENVIRONMENT, env.value(), owner);
    stores.owners().set(Kind.SOURCE, source, new Owner("team-a", "sources.yaml"));

    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value())).contains(owner);
    assertThat(stores.owners().all(Kind.ENVIRONMENT)).containsEntry(env.value(), owner);
    assertThat(stores.owners().find(Kind.SOURCE, source))
        .contains(new Owner("team-a", "sources.yaml"));
    assertThat(stores.owners().find(Kind.SOURCE, env.value())).isEmpty();

    stores.owners().set(Kind.ENVIRONMENT, env.value(), null);
    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value())).isEmpty();
  }

  @Test
  void aRemovedObjectTakesItsOwnerWithIt() {
    EnvironmentName env = newEnvironment();
    stores.owners().set(Kind.ENVIRONMENT, env.value(), new Owner("team-a", "a.yaml"));

    stores.environments().delete(env);

    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value())).isEmpty();
  }

  @Test
  void aNewObjectUnderARemovedNameHasNoOwnerAndAnUpdateKeepsIt() {
    EnvironmentName env = newEnvironment();
    Environment spec = stores.environments().find(env).orElseThrow();
    stores.owners().set(Kind.ENVIRONMENT, env.value(), new Owner("team-a", "a.yaml"));

    stores.environments().update(spec);
    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value()))
        .contains(new Owner("team-a", "a.yaml"));

    stores.environments().delete(env);
    stores.environments().register(spec);
    assertThat(stores.owners().find(Kind.ENVIRONMENT, env.value())).isEmpty();
  }

  @Test
  void anUnknownNameGetsNoOwner() {
    stores.owners().set(Kind.SOURCE, Fixtures.unique("nope"), new Owner("team-a", "a.yaml"));

    assertThat(stores.owners().all(Kind.SOURCE).values())
        .doesNotContain(new Owner("team-a", "a.yaml"));
  }

  @Test
  void oneTransactionReturnsWhatItsWorkReturns() {
    assertThat(stores.owners().inOneTransaction(() -> "done")).isEqualTo("done");
  }
}
