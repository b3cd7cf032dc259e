package io.driftless.engine.render;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PathTree;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses each environment's renderer by its {@link
 * io.driftless.engine.domain.RendererSpec#type()}, so that one {@link RenderCache} serves every
 * renderer the server registered.
 */
public final class RenderersByType implements Renderer {
  private final Map<String, Renderer> renderers;

  /**
   * @param renderers by renderer type, e.g. {@code files}, {@code manifests}
   */
  public RenderersByType(Map<String, Renderer> renderers) {
    this.renderers = Map.copyOf(renderers);
  }

  /** Whether environments may name this renderer type. */
  public boolean supports(String type) {
    return renderers.containsKey(type);
  }

  @Override
  public RenderLimits limits() {
    Renderer files = renderers.get("files");
    return files == null ? Renderer.super.limits() : files.limits();
  }

  /**
   * @throws RenderException when no renderer of the environment's type is registered
   */
  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    String type = environment.renderer().type();
    Renderer renderer = renderers.get(type);
    if (renderer == null) {
      throw new RenderException(
          tree.path().isEmpty() ? "." : tree.path(),
          0,
          "renderer '"
              + type
              + "' is not available on this server (available: "
              + String.join(", ", new TreeMap<>(renderers).keySet())
              + ")");
    }
    return renderer.render(source, environment, tree);
  }
}
