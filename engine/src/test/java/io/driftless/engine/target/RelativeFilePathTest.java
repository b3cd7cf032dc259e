package io.driftless.engine.target;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link RelativeFilePath#checkSome}: the check of an incremental run's changed resources. */
class RelativeFilePathTest {

  private static Resource file(String key) {
    return resource(key, ResourceKind.FILE, "x");
  }

  private static Resource resource(String key, ResourceKind kind, String content) {
    return new Resource(
        ResourceKey.of(key), kind, Content.of(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static SortedMap<ResourceKey, Resource> all(Resource... resources) {
    SortedMap<ResourceKey, Resource> all = new TreeMap<>();
    for (Resource resource : resources) {
      all.put(resource.key(), resource);
    }
    return all;
  }

  @Test
  void aChangedFileUnderAnUnchangedFileIsRefused() {
    Resource changed = file("a/b/c");
    assertThatThrownBy(
            () -> RelativeFilePath.checkSome(all(file("a/b"), changed), List.of(changed), "t"))
        .isInstanceOf(UnsafeResourceException.class)
        .hasMessageContaining("'a/b' is a file and also the directory of 'a/b/c'");
  }

  @Test
  void aChangedFileOverAnUnchangedDirectoryIsRefused() {
    Resource changed = file("a");
    assertThatThrownBy(
            () ->
                RelativeFilePath.checkSome(
                    all(changed, file("a/b"), file("a-c")), List.of(changed), "t"))
        .isInstanceOf(UnsafeResourceException.class)
        .hasMessageContaining("'a' is a file and also the directory of 'a/b'");
  }

  @Test
  void aChangedLinkOutOfTheTargetIsRefused() {
    Resource link = resource("d/link", ResourceKind.SYMLINK, "../../outside");
    assertThatThrownBy(() -> RelativeFilePath.checkSome(all(link), List.of(link), "t"))
        .isInstanceOf(UnsafeResourceException.class)
        .hasMessageContaining("points outside the target");
  }

  @Test
  void onlyTheChangedResourcesAreCheckedWhole() {
    Resource changed = file("b/c");
    // 'a' is not a kind a file target holds, but it is not among those checked.
    SortedMap<ResourceKey, Resource> all =
        all(resource("a", ResourceKind.OBJECT, "{}"), changed, file("a-b"), file("b/d"));
    assertThatCode(() -> RelativeFilePath.checkSome(all, List.of(changed), "t"))
        .doesNotThrowAnyException();
  }
}
