package io.driftless.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.generate.DirectoryGenerator;
import java.util.List;

/**
 * A {@code kind: EnvironmentSet} document: one environment per directory that its generator selects
 * in the template's source, each the {@code template} (the fields of an Environment document) with
 * its placeholders filled from the directory. Documents only: there is no REST body of this kind.
 *
 * @param name names the set in plans, errors and its environments' ownership
 * @param template an Environment document's fields; {@code source} and {@code ref} take no
 *     placeholder, they say which tree is listed
 */
public record EnvironmentSetRequest(String name, Generator generator, JsonNode template) {

  /** Where the directories come from: a Git directory generator, for now the only kind. */
  public record Generator(Directories directories) {
    public Generator {
      Fields.required("generator.directories", directories);
    }
  }

  /**
   * @param paths globs of the directories that become environments, anchored at the root
   * @param exclude globs of directories taken back out
   */
  public record Directories(List<String> paths, List<String> exclude) {
    public Directories {
      Fields.check("generator.directories", () -> new DirectoryGenerator(paths, exclude));
    }
  }

  public EnvironmentSetRequest {
    Fields.check("name", () -> EnvironmentName.of(name));
    Fields.required("generator", generator);
    if (template == null || !template.isObject()) {
      throw new InvalidFieldException(
          "template", "template is required: the fields of an Environment document");
    }
    for (String field : List.of("apiVersion", "kind", "adopt")) {
      if (template.has(field)) {
        throw new InvalidFieldException(
            "template." + field,
            "template."
                + field
                + ": a template holds an Environment's fields only"
                + (field.equals("adopt") ? "; put adopt: true on the EnvironmentSet" : ""));
      }
    }
    for (String field : List.of("source", "ref")) {
      JsonNode value = template.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        throw new InvalidFieldException("template." + field, "template." + field + " is required");
      }
      if (value.asText().contains("{{")) {
        throw new InvalidFieldException(
            "template." + field,
            "template." + field + " takes no placeholder: it says which Git tree is listed");
      }
    }
  }

  public DirectoryGenerator directoryGenerator() {
    return new DirectoryGenerator(
        generator.directories().paths(), generator.directories().exclude());
  }

  public String source() {
    return template.get("source").asText();
  }

  public String ref() {
    return template.get("ref").asText();
  }
}
