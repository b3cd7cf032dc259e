package io.driftless.cli;

import io.driftless.api.model.CommandBody;
import io.driftless.api.model.TargetBody;
import io.driftless.cli.client.CliException;
import picocli.CommandLine.Option;

/** The options of how an environment's files are rendered: the renderer and its command. */
final class RenderOptions {
  @Option(
      names = "--renderer",
      paramLabel = "NAME",
      description = "files (directory default), manifests (kubernetes default) or command.")
  String renderer;

  @Option(
      names = "--render-command",
      paramLabel = "ARGV",
      description =
          "the command whose output is the manifests, split like a shell line, e.g."
              + " 'kustomize build .' or 'helm template web . -f \"values prod.yaml\"'"
              + " (implies --renderer command).")
  String renderCommand;

  @Option(
      names = "--render-timeout",
      paramLabel = "DURATION",
      description = "how long --render-command may run, e.g. 60s.")
  String renderTimeout;

  /** The renderer for {@code env add}: the kubernetes default is manifests. */
  String renderer(TargetBody target) {
    if (renderer != null) {
      return renderer;
    }
    if (renderCommand != null) {
      return "command";
    }
    return target.type().equals("kubernetes") ? "manifests" : null;
  }

  /** The renderer for {@code env set}: the one named, or command when a command is given. */
  String change() {
    return renderer != null ? renderer : renderCommand != null ? "command" : null;
  }

  /** The {@code --render-command}, or null. */
  CommandBody command() {
    if (renderCommand == null) {
      if (renderTimeout != null) {
        throw new CliException("--render-timeout goes with --render-command");
      }
      return null;
    }
    return new CommandBody(Inputs.words(renderCommand, "--render-command"), renderTimeout);
  }
}
