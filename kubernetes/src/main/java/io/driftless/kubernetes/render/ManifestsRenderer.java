package io.driftless.kubernetes.render;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.render.IgnoreRules;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.render.Renderer;
import java.util.Locale;

/**
 * The {@code manifests} renderer: every {@code .yaml}, {@code .yml} and {@code .json} file under
 * the path (minus what {@code .driftlessignore} excludes) holds one or more Kubernetes objects, and
 * each object is a resource. Other files are ignored. Nothing is applied when any file fails to
 * parse: the run fails naming the file, line and document.
 */
public final class ManifestsRenderer implements Renderer {
  private final GitReader git;
  private final RenderLimits limits;
  private final ManifestParser parser = new ManifestParser();

  public ManifestsRenderer(GitReader git) {
    this(git, RenderLimits.defaults());
  }

  public ManifestsRenderer(GitReader git, RenderLimits limits) {
    this.git = git;
    this.limits = limits;
  }

  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    RenderLimits.Budget budget = limits.start();
    IgnoreRules ignore = IgnoreRules.read(git, source, tree, budget);
    Manifests manifests = new Manifests(environment);
    for (PathTree.Entry entry : tree.entries()) {
      if (!isManifest(entry.path())
          || entry.kind() == ResourceKind.SYMLINK
          || ignore.ignores(entry.path())) {
        continue;
      }
      budget.take(entry.path(), git.blobSize(source, entry.blob()));
      manifests.add(entry.path(), parser.parse(entry.path(), git.readBlob(source, entry.blob())));
    }
    return new DesiredState(
        tree.revision(), tree.treeId(), manifests.resources(), manifests.origins());
  }

  static boolean isManifest(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }
}
