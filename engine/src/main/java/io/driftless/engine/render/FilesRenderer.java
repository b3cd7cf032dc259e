package io.driftless.engine.render;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.StrictUtf8;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.glob.GlobSet;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code files} renderer: every file under the path is a resource, minus what {@code
 * .driftlessignore} excludes. Files matching the environment's variable patterns have {@code
 * ${NAME}} substituted; all others keep their Git blob, so their bytes are read only when applied.
 */
public final class FilesRenderer implements Renderer {
  private final GitReader git;
  private final RenderLimits limits;

  public FilesRenderer(GitReader git) {
    this(git, RenderLimits.defaults());
  }

  public FilesRenderer(GitReader git, RenderLimits limits) {
    this.git = git;
    this.limits = limits;
  }

  @Override
  public RenderLimits limits() {
    return limits;
  }

  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    RenderLimits.Budget budget = limits.start();
    IgnoreRules ignore = IgnoreRules.read(git, source, tree, budget);
    Variables variables = environment.variables();
    GlobSet substituted = GlobSet.anyOf(variables.filePatterns());

    SortedMap<ResourceKey, Resource> resources = new TreeMap<>();
    for (PathTree.Entry entry : tree.entries()) {
      String path = entry.path();
      if (path.equals(IgnoreRules.FILE_NAME) || ignore.ignores(path)) {
        continue;
      }
      ResourceKey key = keyOf(path);
      // Counted even when read only at apply: its size is what the apply will hold.
      budget.take(path, git.blobSize(source, entry.blob()));
      Content content;
      if (entry.kind() != ResourceKind.SYMLINK && substituted.matches(path)) {
        byte[] bytes = git.readBlob(source, entry.blob());
        if (isBinary(bytes)) {
          content = blob(source, entry);
        } else {
          String rendered = VariableSubstitution.apply(path, text(path, bytes), variables.values());
          content = Content.of(rendered.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        content = blob(source, entry);
      }
      resources.put(key, new Resource(key, entry.kind(), content));
    }
    return new DesiredState(tree.revision(), tree.treeId(), resources);
  }

  private Content blob(Source source, PathTree.Entry entry) {
    return Content.lazy(entry.blob(), () -> git.readBlob(source, entry.blob()));
  }

  private static ResourceKey keyOf(String path) {
    try {
      return ResourceKey.of(path);
    } catch (IllegalArgumentException e) {
      throw new RenderException(path, 0, e.getMessage());
    }
  }

  /** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
  static boolean isBinary(byte[] bytes) {
    int limit = Math.min(bytes.length, 8000);
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String text(String file, byte[] bytes) {
    return StrictUtf8.decode(bytes)
        .orElseThrow(
            () ->
                new RenderException(
                    file, 0, "is not valid UTF-8 text, so variables cannot be substituted"));
  }
}
