package io.driftless.api.model;

import io.driftless.engine.domain.Variables;
import java.util.List;
import java.util.Map;

/** Variables substituted as {@code ${NAME}} in the files matching {@code files} (globs). */
public record VariablesBody(Map<String, String> values, List<String> files) {
  public Variables toDomain() {
    return Fields.check("variables", () -> new Variables(values, files));
  }

  public static VariablesBody from(Variables variables) {
    return new VariablesBody(variables.values(), variables.filePatterns());
  }
}
