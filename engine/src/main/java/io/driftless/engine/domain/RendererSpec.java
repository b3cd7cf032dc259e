package io.driftless.engine.domain;

import java.util.Objects;

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

  /**
   * Kubernetes manifests: every {@code .yaml}, {@code .yml} and {@code .json} file under the path,
   * each holding one or more objects; each object is a resource keyed group/kind/namespace/name.
   */
  record Manifests() implements RendererSpec {
    @Override
    public String type() {
      return "manifests";
    }
  }

  /**
   * A command (e.g. {@code kustomize build .} or {@code helm template ...}) run in a checkout of
   * the path; its standard output is parsed as manifests. Only an admin's registration names the
   * command, never the repository.
   */
  record Command(CommandSpec command) implements RendererSpec {
    public Command {
      Objects.requireNonNull(command, "command");
    }

    @Override
    public String type() {
      return "command";
    }
  }

  static RendererSpec files() {
    return new Files();
  }
}
