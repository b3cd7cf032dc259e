package io.driftless.cli;

import io.driftless.api.model.VariablesBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an environment's variables: their values, the files they fill, and where from. */
final class VariableOptions {
  @Mixin VarOption vars;

  @Option(
      names = "--unset-var",
      paramLabel = "NAME",
      description = "set: remove a variable (repeatable).")
  List<String> unsetVars = new ArrayList<>();

  @Option(
      names = "--var-files",
      paramLabel = "GLOB",
      description = "Files that get variables substituted, e.g. '*.env' (repeatable; replaces).")
  List<String> varFiles;

  @Option(
      names = "--variables-from",
      paramLabel = "FILE",
      description =
          "A SOPS dotenv, YAML or JSON file in the environment's path whose decrypted values are"
              + " variables too (repeatable; replaces).")
  List<String> variablesFrom;

  /**
   * The variables: the current ones (if any) with {@code --var} set and {@code --unset-var} gone.
   */
  VariablesBody body(VariablesBody current) {
    if (!vars.given() && unsetVars.isEmpty() && varFiles == null && variablesFrom == null) {
      return current;
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (current != null && current.values() != null) {
      values.putAll(current.values());
    }
    values.putAll(vars.values());
    unsetVars.forEach(values::remove);
    List<String> files =
        varFiles != null ? varFiles : current == null ? List.of() : current.files();
    List<String> from =
        variablesFrom != null
            ? variablesFrom
            : current == null || current.from() == null ? List.of() : current.from();
    return new VariablesBody(values, files, from);
  }
}
