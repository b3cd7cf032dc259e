package io.driftless.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryChangesTest {
  private static Resource object(String key, String text) {
    return new Resource(
        ResourceKey.of(key),
        ResourceKind.OBJECT,
        Content.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String environment(String owner, String path, String root) {
    return "# managed by "
        + owner
        + " (file e.yaml)\n---\nkind: Environment\nname: api-staging\npath: "
        + path
        + "\ntarget:\n  type: directory\n  root: "
        + root
        + "\n";
  }

  @Test
  void aPlanReadsAsWhatItDoesToTheRegistry() {
    Plan plan =
        new Plan(
            List.of(
                Change.create(object("environment/web-prod", "kind: Environment\n")),
                Change.update(
                    object("environment/api-staging", environment("cfg", "api", "/srv/a")),
                    object("environment/api-staging", environment("cfg", "api", "/srv/b")),
                    false,
                    false),
                Change.delete(object("source/old", "kind: Source\n"), false)),
            List.of(),
            List.of());

    assertThat(RegistryChanges.summary(plan))
        .isEqualTo(
            "adds environment web-prod; changes the target root of api-staging; retires source"
                + " old");
  }

  @Test
  void severalFieldsAndTheOwnerAreNamedTogether() {
    Plan plan =
        new Plan(
            List.of(
                Change.update(
                    object("environment/api-staging", environment("team-a", "api", "/srv/a")),
                    object("environment/api-staging", environment("cfg", "api2", "/srv/b")),
                    true,
                    false)),
            List.of(),
            List.of());

    assertThat(RegistryChanges.summary(plan))
        .isEqualTo("changes the owner, the path and the target root of api-staging");
  }
}
