package io.driftless.kubernetes.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.render.RenderException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads multi-document YAML (JSON is YAML) into JSON trees, with limits, so that a hostile file
 * cannot exhaust the server: a size limit, few aliases to collections (the "billion laughs" alias
 * bomb), a nesting depth limit, a limit on the nodes one document expands to, a length limit on
 * each scalar and a tighter one on numbers (whose parsing grows faster than their length), no
 * custom tags, and no duplicate keys. Timestamps stay strings, as Kubernetes reads them.
 */
public final class ManifestParser {
  /** The largest file or command output read, in characters. */
  public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  static final int MAX_ALIASES = 20;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES_PER_DOCUMENT = 200_000;

  /** The longest scalar, in characters: far beyond any ConfigMap value a cluster stores. */
  static final int MAX_SCALAR_LENGTH = 1024 * 1024;

  /** The longest number, in characters; Kubernetes' own numbers fit in 64 bits. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** One parsed document: its 1-based index in the file, its first line, and its content. */
  public record Document(int index, int line, JsonNode content) {}

  /**
   * @param file named in errors
   * @throws RenderException naming the file, line and document of the first problem
   */
  public List<Document> parse(String file, byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.length() > MAX_CODE_POINTS) {
      throw new RenderException(
          file, 0, "is larger than " + MAX_CODE_POINTS + " characters, the limit for manifests");
    }
    StringTimestamps constructor = new StringTimestamps(options());
    Yaml yaml = new Yaml(constructor);
    List<Document> documents = new ArrayList<>();
    int index = 0;
    try {
      for (org.yaml.snakeyaml.nodes.Node node : yaml.composeAll(new java.io.StringReader(text))) {
        index++;
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        checkScalars(file, index, node, Collections.newSetFromMap(new IdentityHashMap<>()));
        Object value = constructor.construct(node);
        if (value == null) {
          continue;
        }
        documents.add(new Document(index, line, toJson(file, index, line, value)));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      throw new RenderException(
          file, line, "document " + (index + 1) + " is not valid YAML: " + firstLine(e));
    } catch (YAMLException e) {
      throw new RenderException(
          file, 0, "document " + (index + 1) + " is not valid YAML: " + firstLine(e));
    }
    return documents;
  }

  /** Refuses a long scalar or number before it is constructed. */
  private static void checkScalars(
      String file, int index, org.yaml.snakeyaml.nodes.Node node, Set<Object> seen) {
    if (!seen.add(node)) {
      return; // an alias: checked where it was defined
    }
    if (node instanceof ScalarNode scalar) {
      String value = scalar.getValue();
      boolean number = Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag());
      int limit = number ? MAX_NUMBER_LENGTH : MAX_SCALAR_LENGTH;
      if (value.length() > limit) {
        int line = scalar.getStartMark() == null ? 0 : scalar.getStartMark().getLine() + 1;
        throw new RenderException(
            file,
            line,
            "document "
                + index
                + " has a "
                + (number ? "number" : "value")
                + " of "
                + value.length()
                + " characters; the limit is "
                + limit
                + (number ? " (quote it to make it a string)" : ""));
      }
    } else if (node instanceof SequenceNode sequence) {
      for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
        checkScalars(file, index, item, seen);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        checkScalars(file, index, tuple.getKeyNode(), seen);
        checkScalars(file, index, tuple.getValueNode(), seen);
      }
    }
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setTagInspector(tag -> false);
    return options;
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** SnakeYAML's safe types, with timestamps kept as the strings they were written as. */
  private static final class StringTimestamps extends SafeConstructor {
    StringTimestamps(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
    }

    Object construct(org.yaml.snakeyaml.nodes.Node node) {
      return constructDocument(node);
    }
  }

  private static JsonNode toJson(String file, int index, int line, Object value) {
    int[] budget = {MAX_NODES_PER_DOCUMENT};
    return convert(
        file, index, line, value, budget, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static JsonNode convert(
      String file, int index, int line, Object value, int[] budget, Set<Object> path) {
    if (--budget[0] < 0) {
      throw new RenderException(
          file,
          line,
          "document "
              + index
              + " expands to more than "
              + MAX_NODES_PER_DOCUMENT
              + " values (aliases repeating collections?)");
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null) {
      return f.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      if (!path.add(value)) {
        throw new RenderException(file, line, "document " + index + " refers to itself");
      }
      ObjectNode object = f.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object rawKey = e.getKey();
        // As kubectl reads YAML: a key that resolves to a boolean or number (`on`, `1`) becomes its
        // text; a collection as a key has no JSON form.
        if (!(rawKey instanceof String || rawKey instanceof Boolean || rawKey instanceof Number)) {
          throw new RenderException(
              file, line, "document " + index + " has a key that is not a string: " + rawKey);
        }
        object.set(String.valueOf(rawKey), convert(file, index, line, e.getValue(), budget, path));
      }
      path.remove(value);
      return object;
    }
    if (value instanceof List<?> list) {
      if (!path.add(value)) {
        throw new RenderException(file, line, "document " + index + " refers to itself");
      }
      ArrayNode array = f.arrayNode();
      for (Object item : list) {
        array.add(convert(file, index, line, item, budget, path));
      }
      path.remove(value);
      return array;
    }
    if (value instanceof String s) {
      return f.textNode(s);
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return f.numberNode(i);
    }
    if (value instanceof Long l) {
      return f.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return f.numberNode(b);
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new RenderException(
            file, line, "document " + index + " has a number JSON cannot hold: " + d);
      }
      return f.numberNode(d);
    }
    if (value instanceof BigDecimal d) {
      return f.numberNode(d);
    }
    if (value instanceof byte[] bytes) {
      return f.textNode(java.util.Base64.getEncoder().encodeToString(bytes));
    }
    throw new RenderException(
        file,
        line,
        "document "
            + index
            + " has a value of an unsupported type: "
            + value.getClass().getSimpleName());
  }
}
