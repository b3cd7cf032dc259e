package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.TreeId;
import java.nio.charset.StandardCharsets;
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
}
