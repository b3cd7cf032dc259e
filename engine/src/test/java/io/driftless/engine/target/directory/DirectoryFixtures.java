package io.driftless.engine.target.directory;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TreeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builders for directory target tests. */
final class DirectoryFixtures {
  private DirectoryFixtures() {}

  static Environment environment(TargetSpec.Directory spec) {
    return new Environment(
        EnvironmentName.of("web"), SourceName.of("site"), "main", "", null, null, spec, null, null);
  }

  static Resource file(String key, String content) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.FILE, Content.of(content.getBytes(UTF_8)));
  }

  static Resource executable(String key, String content) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.EXECUTABLE, Content.of(content.getBytes(UTF_8)));
  }

  static Resource symlink(String key, String target) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.SYMLINK, Content.of(target.getBytes(UTF_8)));
  }

  static DesiredState desired(Resource... resources) {
    TreeMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource resource : resources) {
      map.put(resource.key(), resource);
    }
    return new DesiredState(Revision.of("1".repeat(40)), new TreeId("2".repeat(40)), map);
  }

  /** A plain two-way plan, enough to drive the target as the reconciler would. */
  static List<Change> plan(DesiredState desired, LiveState live, Set<ResourceKey> inventory) {
    List<Change> changes = new ArrayList<>();
    for (Resource want : desired.resources().values()) {
      Resource have = live.get(want.key());
      if (have == null) {
        changes.add(Change.create(want));
      } else if (!have.sameAs(want)) {
        changes.add(Change.update(have, want, false, false));
      }
    }
    for (ResourceKey key : inventory) {
      if (desired.get(key) == null && live.get(key) != null) {
        changes.add(Change.delete(live.get(key), false));
      }
    }
    return changes;
  }

  static Set<ResourceKey> keys(DesiredState desired, Set<ResourceKey> inventory) {
    Set<ResourceKey> keys = new HashSet<>(desired.resources().keySet());
    keys.addAll(inventory);
    return keys;
  }

  /** Every path under {@code dir}, relative, with '/' separators; directories end with '/'. */
  static List<String> tree(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(p -> !p.equals(dir))
          .map(
              p ->
                  dir.relativize(p).toString()
                      + (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
