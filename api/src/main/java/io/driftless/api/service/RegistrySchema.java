package io.driftless.api.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.EnvironmentSetRequest;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.service.RegistryDocuments.Kind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of declarative documents, generated from the REST request records
 * the documents are read through, so it cannot drift from them. Secret fields and notification
 * targets, which documents refuse, are left out.
 */
public final class RegistrySchema {
  private final ObjectMapper json;

  public RegistrySchema(ObjectMapper json) {
    this.json = json;
  }

  public ObjectNode schema() {
    ObjectNode schema = json.createObjectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", "https://driftless.io/schema/v1/documents.json");
    schema.put("title", "Driftless declarative documents (" + RegistryDocuments.API_VERSION + ")");
    ArrayNode oneOf = schema.putArray("oneOf");
    oneOf.add(document(Kind.Source, SourceRequest.class));
    oneOf.add(document(Kind.Environment, EnvironmentRequest.class));
    oneOf.add(document(Kind.EnvironmentSet, EnvironmentSetRequest.class));
    return schema;
  }

  private ObjectNode document(Kind kind, Class<? extends Record> request) {
    ObjectNode document = object(request);
    ObjectNode properties = (ObjectNode) document.get("properties");
    ObjectNode head = json.createObjectNode();
    head.putObject("apiVersion").put("const", RegistryDocuments.API_VERSION);
    head.putObject("kind").put("const", kind.name());
    head.putObject("adopt")
        .put("type", "boolean")
        .put("description", "take over an existing object not managed by this owner");
    head.setAll(properties);
    document.set("properties", head);
    document.put("title", kind.name());
    ArrayNode required = document.putArray("required");
    List.of("apiVersion", "kind", "name").forEach(required::add);
    switch (kind) {
      case Source -> required.add("url");
      case Environment -> List.of("source", "ref", "target").forEach(required::add);
      case EnvironmentSet -> {
        List.of("generator", "template").forEach(required::add);
        // The template is an Environment's fields, whose strings may hold placeholders.
        ObjectNode template = object(EnvironmentRequest.class);
        template.put(
            "description",
            "an Environment document's fields; strings may hold {{path}}, {{path.basename}} and"
                + " {{path[N]}}, except source and ref");
        template.putArray("required").add("name").add("source").add("ref").add("target");
        head.set("template", template);
      }
    }
    return document;
  }

  private ObjectNode object(Class<?> record) {
    ObjectNode node = json.createObjectNode();
    node.put("type", "object");
    node.put("additionalProperties", false);
    ObjectNode properties = node.putObject("properties");
    for (RecordComponent c : record.getRecordComponents()) {
      if (!RegistryDocuments.SECRET_FIELDS.contains(c.getName())
          && !c.getName().equals(RegistryDocuments.NOTIFICATIONS)) {
        properties.set(c.getName(), type(c.getGenericType()));
      }
    }
    return node;
  }

  private ObjectNode type(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        ObjectNode array = json.createObjectNode().put("type", "array");
        array.set("items", type(args[0]));
        return array;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = json.createObjectNode().put("type", "object");
        map.set("additionalProperties", type(args[1]));
        return map;
      }
      return type(raw);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class || c.isEnum()) {
      return json.createObjectNode().put("type", "string");
    }
    if (c == Boolean.class || c == boolean.class) {
      return json.createObjectNode().put("type", "boolean");
    }
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return json.createObjectNode().put("type", "integer");
    }
    if (Number.class.isAssignableFrom(c) || c == double.class) {
      return json.createObjectNode().put("type", "number");
    }
    if (c.isRecord()) {
      return object(c);
    }
    return json.createObjectNode();
  }
}
