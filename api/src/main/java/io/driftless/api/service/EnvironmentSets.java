package io.driftless.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.driftless.api.model.EnvironmentSetRequest;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.generate.DirectoryPlaceholders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Expands {@code kind: EnvironmentSet} documents into the Environment documents they generate,
 * before {@link RegistryReconciler#plan}: one per directory its generator selects in the template's
 * source at the template's ref, the template's placeholders filled from the directory. The
 * generated documents are ordinary Environment documents read through {@link RegistryDocuments}, so
 * every check applies; their file is {@code <file>#<set>}, which their ownership records, and which
 * the owner's prune compares like any other: a removed directory retires its environment.
 *
 * <p>{@link #generate} is pure (the directories are given); {@link #expand} asks a {@link Trees}
 * for them: {@code POST /api/v1/apply} lists the source through the server's Git mirror ({@link
 * SourceTrees}), a config environment may list its own source at the revision it renders.
 */
public final class EnvironmentSets {

  /** The directories of a set's source, as its expansion needs them. */
  @FunctionalInterface
  public interface Trees {
    /**
     * Every directory of the set's template source at its ref ({@link
     * EnvironmentSetRequest#source}, {@link EnvironmentSetRequest#ref}) that lies under {@code
     * base}, as paths from the root; empty when {@code base} does not exist.
     *
     * @param base a directory from the root that holds every directory the generator can select,
     *     {@code ""} for the root
     * @throws InvalidFieldException naming the set's file when the tree cannot be read
     */
    Collection<String> directories(Document set, String base);
  }

  /**
   * What a caller adds to reading each generated document: a config environment resolves relative
   * target roots under its scope and checks the document against that scope, as it does a written
   * one.
   */
  public interface Reading {
    /** Reads generated documents as they are and checks nothing more. */
    Reading PLAIN =
        new Reading() {
          @Override
          public JsonNode resolve(JsonNode document) {
            return document;
          }

          @Override
          public void check(Document document) {}
        };

    /** The generated document's tree, before it is read. */
    JsonNode resolve(JsonNode document);

    /**
     * Checks the generated document, whose file names its directory.
     *
     * @throws InvalidFieldException refusing it
     */
    void check(Document document);
  }

  private final RegistryDocuments documents;

  public EnvironmentSets(RegistryDocuments documents) {
    this.documents = documents;
  }

  /**
   * {@code documents} with each EnvironmentSet replaced, in place, by the Environment documents it
   * generates; other documents as they are.
   */
  public List<Document> expand(List<Document> documents, Trees trees) {
    return expand(documents, trees, Reading.PLAIN);
  }

  /**
   * {@code documents} with each EnvironmentSet expanded, each generated document read through
   * {@code reading}; a refusal names the set's file and the directory.
   */
  public List<Document> expand(List<Document> documents, Trees trees, Reading reading) {
    List<Document> expanded = new ArrayList<>();
    for (Document d : documents) {
      if (d.kind() == Kind.EnvironmentSet) {
        expanded.addAll(
            generate(d, trees.directories(d, d.set().directoryGenerator().base()), reading));
      } else {
        expanded.add(d);
      }
    }
    return expanded;
  }

  /**
   * The Environment documents one set generates from a tree's {@code directories} (paths from the
   * root; those its generator does not select are ignored), in directory order.
   *
   * @throws InvalidFieldException naming the set's file, and the directory when one generates an
   *     invalid environment (a name that is not a valid name, say)
   */
  public List<Document> generate(Document set, Collection<String> directories) {
    return generate(set, directories, Reading.PLAIN);
  }

  private List<Document> generate(Document set, Collection<String> directories, Reading reading) {
    EnvironmentSetRequest request = set.set();
    String label = "EnvironmentSet " + set.name();
    // An unknown placeholder is refused even when nothing is selected.
    fill(
        set,
        request.template().deepCopy(),
        "",
        text -> {
          DirectoryPlaceholders.check(text);
          return text;
        });
    List<Document> generated = new ArrayList<>();
    Map<String, String> directoryOf = new HashMap<>();
    String file = set.file() + "#" + set.name();
    for (String directory : request.directoryGenerator().select(directories)) {
      DirectoryPlaceholders placeholders = new DirectoryPlaceholders(directory);
      ObjectNode node = request.template().deepCopy();
      fill(set, node, "", placeholders::fill);
      ObjectNode document = node.objectNode();
      document.put("apiVersion", RegistryDocuments.API_VERSION);
      document.put("kind", Kind.Environment.name());
      document.setAll(node);
      Document environment;
      try {
        Document read = documents.read("directory " + directory, 0, reading.resolve(document));
        reading.check(read);
        environment =
            new Document(
                file, Kind.Environment, read.name(), set.adopt(), null, read.environment(), null);
      } catch (InvalidFieldException e) {
        throw new InvalidFieldException(
            set.file(), "template." + e.field(), set.file() + ": " + label + ": " + e.getMessage());
      }
      String previous = directoryOf.putIfAbsent(environment.name(), directory);
      if (previous != null) {
        throw new InvalidFieldException(
            set.file(),
            "template.name",
            set.file()
                + ": template.name: "
                + label
                + ": directories "
                + previous
                + " and "
                + directory
                + " both generate environment "
                + environment.name());
      }
      generated.add(environment);
    }
    return generated;
  }

  /** Replaces every string of {@code node} with {@code fill} of it; a refusal names its field. */
  private static void fill(Document set, JsonNode node, String at, UnaryOperator<String> fill) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
        if (field.getValue().isTextual()) {
          field.setValue(new TextNode(filled(set, path, field.getValue().asText(), fill)));
        } else {
          fill(set, field.getValue(), path, fill);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String path = at + "[" + i + "]";
        if (array.get(i).isTextual()) {
          array.set(i, new TextNode(filled(set, path, array.get(i).asText(), fill)));
        } else {
          fill(set, array.get(i), path, fill);
        }
      }
    }
  }

  private static String filled(Document set, String path, String text, UnaryOperator<String> fill) {
    try {
      return fill.apply(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          set.file(),
          "template." + path,
          set.file()
              + ": template."
              + path
              + ": EnvironmentSet "
              + set.name()
              + ": "
              + e.getMessage());
    }
  }
}
