package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.port.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.TreeMap;

/** Resources and desired states for the tests of single reconcile steps, which need no Git. */
final class StepFixtures {
  private StepFixtures() {}

  static Resource file(String key, String text) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.FILE, Content.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  static DesiredState desired(Revision revision, Resource... resources) {
    TreeMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : resources) {
      map.put(r.key(), r);
    }
    return new DesiredState(revision, new TreeId("f".repeat(40)), map);
  }

  /** Registers {@code name} (a directory environment of source {@code site}) in {@code store}. */
  static Environment registered(MemoryStore store, EnvironmentName name, SyncPolicy sync) {
    store.put(Source.of(SourceName.of("site"), "https://git.example/site.git"));
    Environment environment =
        new Environment(
            name,
            SourceName.of("site"),
            "main",
            "env/web",
            null,
            Variables.none(),
            TargetSpec.Directory.at(Path.of("/srv/web")),
            sync,
            null);
    store.put(environment);
    return environment;
  }
}
