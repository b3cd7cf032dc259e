package io.driftless.engine.domain;

/** How desired state is rendered from the environment's path. */
public sealed interface RendererSpec {

  String type();

  /** Every file under the path is a resource, minus what {@code .driftlessignore} excludes. */
  record Files() implements RendererSpec {
    @Override
    public String type() {
      return "files";
    }
  }

  static RendererSpec files() {
    return new Files();
  }
}
