package io.driftless.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.driftless.api.model.ApplyRequest;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.EnvironmentSetRequest;
import io.driftless.api.model.Fields;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.SourceRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Declarative documents ({@code apiVersion: driftless.io/v1}, {@code kind: Source | Environment |
 * EnvironmentSet}): the fields of the REST request bodies ({@link SourceRequest}, {@link
 * EnvironmentRequest}; a set's template is an Environment's fields, see {@link EnvironmentSets})
 * beside {@code apiVersion}, {@code kind} and {@code adopt}, read through those same records so the
 * two cannot drift apart. Secrets never appear in documents: a secret field anywhere is an error
 * naming the file and the field.
 */
public final class RegistryDocuments {
  public static final String API_VERSION = "driftless.io/v1";

  /**
   * Fields that hold secrets in the REST bodies: a document refers to a named credential instead.
   * Notification targets are all credentials (their URLs included) and stay REST-only for now.
   */
  static final Set<String> SECRET_FIELDS =
      Set.of("webhookSecret", "token", "password", "privateKey", "passphrase", "secret");

  static final String NOTIFICATIONS = "notifications";

  private static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

  /**
   * One document, checked and read.
   *
   * @param set the generator and template of a {@code kind: EnvironmentSet}; {@link
   *     EnvironmentSets#expand} turns it into Environment documents before a plan
   */
  public record Document(
      String file,
      Kind kind,
      String name,
      boolean adopt,
      SourceRequest source,
      EnvironmentRequest environment,
      EnvironmentSetRequest set) {

    public Document(
        String file,
        Kind kind,
        String name,
        boolean adopt,
        SourceRequest source,
        EnvironmentRequest environment) {
      this(file, kind, name, adopt, source, environment, null);
    }
  }

  /** The kinds of document. */
  public enum Kind {
    Source,
    Environment,
    EnvironmentSet
  }

  private final ObjectMapper json;
  private final ObjectMapper yaml;

  public RegistryDocuments(ObjectMapper json) {
    // A misspelt field in a document is an error, whatever the server's mapper allows.
    this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    LoaderOptions limits = new LoaderOptions();
    limits.setMaxAliasesForCollections(20);
    limits.setAllowDuplicateKeys(false);
    limits.setCodePointLimit(MAX_DOCUMENT_CHARS);
    this.yaml =
        new ObjectMapper(
            YAMLFactory.builder()
                .loaderOptions(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
  }

  /**
   * The documents of an apply request: its {@code files} by name, then its {@code documents} (YAML
   * text, or a list of documents and YAML texts).
   */
  public List<Document> read(ApplyRequest request) {
    List<Document> documents = new ArrayList<>();
    if (request.files() != null) {
      new java.util.TreeMap<>(request.files())
          .forEach((file, text) -> documents.addAll(parse(file, text == null ? "" : text)));
    }
    JsonNode given = request.documents();
    if (given == null || given.isNull()) {
      return documents;
    }
    if (given.isTextual()) {
      documents.addAll(parse("documents", given.asText()));
    } else if (given.isArray()) {
      for (int i = 0; i < given.size(); i++) {
        String file = "documents[" + i + "]";
        JsonNode node = given.get(i);
        if (node.isTextual()) {
          documents.addAll(parse(file, node.asText()));
        } else {
          documents.add(read(file, i, node));
        }
      }
    } else {
      throw new InvalidFieldException("documents", "documents is YAML text or a list of documents");
    }
    return documents;
  }

  /** Every document of one YAML text (documents separated by {@code ---}); empty ones skipped. */
  public List<Document> parse(String file, String text) {
    return parse(file, text, UnaryOperator.identity());
  }

  /**
   * Every document of one YAML text, each tree passed through {@code resolve} before it is read (a
   * config environment resolves relative target roots under its scope).
   */
  public List<Document> parse(String file, String text, UnaryOperator<JsonNode> resolve) {
    List<Document> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> nodes = yaml.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (nodes.hasNextValue()) {
        JsonNode node = nodes.nextValue();
        boolean empty =
            node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isBlank());
        if (!empty) {
          documents.add(read(file, index, resolve.apply(node)));
        }
        index++;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidFieldException f) {
        throw f;
      }
      throw new InvalidFieldException(file, "", file + ": not valid YAML: " + firstLine(e));
    }
    return documents;
  }

  /** One document given as a tree (a JSON body's list entry). */
  public Document read(String file, int index, JsonNode node) {
    if (!(node instanceof ObjectNode object)) {
      throw refuse(file, "", "a document is a mapping with apiVersion and kind");
    }
    ObjectNode fields = object.deepCopy();
    String apiVersion = text(fields.remove("apiVersion"));
    if (!API_VERSION.equals(apiVersion)) {
      throw refuse(file, "apiVersion", "apiVersion must be " + API_VERSION + ": " + apiVersion);
    }
    String kindName = text(fields.remove("kind"));
    Kind kind;
    try {
      kind = Kind.valueOf(kindName == null ? "" : kindName);
    } catch (IllegalArgumentException e) {
      throw refuse(file, "kind", "kind must be Source, Environment or EnvironmentSet: " + kindName);
    }
    JsonNode adopt = fields.remove("adopt");
    if (adopt != null && !adopt.isBoolean()) {
      throw refuse(file, "adopt", "adopt must be true or false");
    }
    refuseSecrets(file, "", fields);
    if (fields.has(NOTIFICATIONS)) {
      throw refuse(
          file,
          NOTIFICATIONS,
          "notification targets are credentials (their URLs too) and are not declared in documents"
              + " yet; set them by REST");
    }
    String label = kind + (fields.hasNonNull("name") ? " " + fields.get("name").asText() : "");
    try {
      return switch (kind) {
        case Source -> source(file, adopt, json.treeToValue(fields, SourceRequest.class));
        case Environment ->
            environment(file, adopt, json.treeToValue(fields, EnvironmentRequest.class));
        case EnvironmentSet ->
            set(file, adopt, json.treeToValue(fields, EnvironmentSetRequest.class));
      };
    } catch (JsonMappingException e) {
      String field = Fields.path(e);
      if (e.getCause() instanceof InvalidFieldException f) {
        throw refuse(file, f.field(), label + ": " + f.getMessage());
      }
      throw refuse(
          file, field, label + ": " + field + " is not a field of " + kind + " or is malformed");
    } catch (JsonProcessingException e) {
      throw refuse(file, "", label + ": " + firstLine(e));
    } catch (InvalidFieldException e) {
      throw refuse(file, e.field(), label + ": " + e.getMessage());
    }
  }

  /** The documents as YAML text, one after another. */
  public String write(List<? extends JsonNode> documents) {
    StringBuilder text = new StringBuilder();
    for (JsonNode document : documents) {
      try {
        text.append("---\n").append(yaml.writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return text.toString();
  }

  /** The document of a request body: {@code apiVersion}, {@code kind}, then its set fields. */
  public ObjectNode document(Kind kind, Object request) {
    ObjectNode document = json.createObjectNode();
    document.put("apiVersion", API_VERSION);
    document.put("kind", kind.name());
    ObjectNode fields = json.valueToTree(request);
    dropNulls(fields);
    document.setAll(fields);
    return document;
  }

  private static Document source(String file, JsonNode adopt, SourceRequest request) {
    request.toDomain();
    return new Document(
        file, Kind.Source, request.name(), adopt != null && adopt.asBoolean(), request, null);
  }

  private static Document environment(String file, JsonNode adopt, EnvironmentRequest request) {
    request.toDomain();
    request.notificationTargets();
    return new Document(
        file, Kind.Environment, request.name(), adopt != null && adopt.asBoolean(), null, request);
  }

  private static Document set(String file, JsonNode adopt, EnvironmentSetRequest request) {
    return new Document(
        file,
        Kind.EnvironmentSet,
        request.name(),
        adopt != null && adopt.asBoolean(),
        null,
        null,
        request);
  }

  private static void refuseSecrets(String file, String at, JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
        if (SECRET_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
          throw refuse(
              file,
              path,
              path
                  + " is a secret, and secrets never appear in documents: register a named"
                  + " credential (driftless credential add) and refer to it by name");
        }
        refuseSecrets(file, path, field.getValue());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseSecrets(file, at + "[" + i + "]", node.get(i));
      }
    }
  }

  private static void dropNulls(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        JsonNode value = it.next().getValue();
        if (value.isNull()) {
          it.remove();
        } else {
          dropNulls(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(RegistryDocuments::dropNulls);
    }
  }

  private static InvalidFieldException refuse(String file, String field, String message) {
    String where = field == null || field.isEmpty() ? file : file + ": " + field;
    return new InvalidFieldException(file, field, where + ": " + message);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
