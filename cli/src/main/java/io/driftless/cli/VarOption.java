package io.driftless.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --var NAME=VALUE}, repeatable: a variable substituted into an environment's files, as
 * {@code env add}, {@code env set} and {@code render} take it.
 */
final class VarOption {
  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "A variable substituted as ${NAME} (repeatable).")
  List<String> vars = new ArrayList<>();

  boolean given() {
    return !vars.isEmpty();
  }

  /** The variables by name; a malformed one is a {@code CliException} naming {@code --var}. */
  Map<String, String> values() {
    return Inputs.pairs(vars, "--var");
  }
}
