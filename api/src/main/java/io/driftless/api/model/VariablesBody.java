package io.driftless.api.model;

import io.driftless.engine.domain.Variables;
import java.util.List;
import java.util.Map;

/**
 * Variables substituted as {@code ${NAME}} in the files matching {@code files} (globs), with more
 * values decrypted from the SOPS files {@code from} names (paths inside the environment's path).
 */
public record VariablesBody(Map<String, String> values, List<String> files, List<String> from) {
  public VariablesBody(Map<String, String> values, List<String> files) {
    this(values, files, List.of());
  }

  public Variables toDomain() {
    Fields.check("variables.from", () -> new Variables(Map.of(), List.of(), from));
    return Fields.check("variables", () -> new Variables(values, files, from));
  }

  public static VariablesBody from(Variables variables) {
    return new VariablesBody(variables.values(), variables.filePatterns(), variables.from());
  }
}
