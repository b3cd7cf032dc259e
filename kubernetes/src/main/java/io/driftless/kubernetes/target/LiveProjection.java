package io.driftless.kubernetes.target;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.kubernetes.ObjectKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shapes a live object for comparison with what Git declared, so that a synced object reads equal
 * to its manifest:
 *
 * <ol>
 *   <li>Fields the server fills in are dropped: {@code status}, and {@code metadata.managedFields},
 *       {@code resourceVersion}, {@code uid}, {@code generation}, {@code creationTimestamp}, {@code
 *       selfLink}, and annotations that kubectl and controllers add.
 *   <li>The rest is projected onto the fields the declared objects (the desired manifest and the
 *       one last applied) set: defaulted fields nobody declared, and fields other field managers
 *       own, are not drift. Lists whose declared items all carry a merge key ({@code name}, {@code
 *       mountPath}, {@code containerPort}, {@code port}) are matched by it, so an injected sidecar
 *       is not drift either; other lists are matched by position. A scalar written as {@code "1"}
 *       in Git and {@code 1} live counts as equal.
 *   <li>The environment's ignore rules and the labels Driftless adds itself take the declared value
 *       at their JSON pointers, so they never differ.
 * </ol>
 */
final class LiveProjection {
  static final List<String> SERVER_METADATA =
      List.of(
          "managedFields",
          "resourceVersion",
          "uid",
          "generation",
          "creationTimestamp",
          "selfLink",
          "deletionGracePeriodSeconds");
  static final List<String> SERVER_ANNOTATIONS =
      List.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          "deployment.kubernetes.io/revision",
          "kubectl.kubernetes.io/restartedAt");
  private static final List<String> MERGE_KEYS =
      List.of("name", "mountPath", "containerPort", "port");

  private final List<TargetSpec.IgnoreDifferences> ignore;
  private final List<String> ownPointers;

  LiveProjection(List<TargetSpec.IgnoreDifferences> ignore, List<String> ownPointers) {
    this.ignore = List.copyOf(ignore);
    this.ownPointers = List.copyOf(ownPointers);
  }

  /**
   * @param declared the desired object first, then the last applied one; may be empty, in which
   *     case only server fields are dropped
   */
  JsonNode shape(ObjectKey key, JsonNode live, List<JsonNode> declared) {
    JsonNode normalized = normalize(live);
    if (declared.isEmpty()) {
      return normalized;
    }
    JsonNode projected = project(normalized, declared);
    if (!projected.isObject()) {
      return projected;
    }
    ObjectNode object = (ObjectNode) projected;
    List<String> pointers = new ArrayList<>(ownPointers);
    for (TargetSpec.IgnoreDifferences rule : ignore) {
      if (rule.matches(key.group(), key.kind(), key.namespace(), key.name())) {
        pointers.addAll(rule.jsonPointers());
      }
    }
    for (String pointer : pointers) {
      takeDeclared(object, declared, JsonPointer.compile(pointer));
    }
    return object;
  }

  static JsonNode normalize(JsonNode live) {
    ObjectNode copy = live.deepCopy();
    copy.remove("status");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode m) {
      SERVER_METADATA.forEach(m::remove);
      if (m.get("annotations") instanceof ObjectNode annotations) {
        SERVER_ANNOTATIONS.forEach(annotations::remove);
        if (annotations.isEmpty()) {
          m.remove("annotations");
        }
      }
    }
    return copy;
  }

  static JsonNode project(JsonNode live, List<JsonNode> shapes) {
    JsonNode first = shapes.get(0);
    if (live.isObject() && first.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      for (JsonNode shape : shapes) {
        if (shape.isObject()) {
          shape.fieldNames().forEachRemaining(names::add);
        }
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        JsonNode value = live.get(name);
        if (value == null) {
          continue;
        }
        List<JsonNode> sub = new ArrayList<>();
        for (JsonNode shape : shapes) {
          if (shape.isObject() && shape.has(name)) {
            sub.add(shape.get(name));
          }
        }
        out.set(name, project(value, sub));
      }
      return out;
    }
    if (live.isArray() && first.isArray()) {
      return projectList((ArrayNode) live, shapes);
    }
    if (live.isValueNode() && first.isValueNode() && !live.isNull()) {
      return live.asText().equals(first.asText()) ? first : live;
    }
    return live;
  }

  private static JsonNode projectList(ArrayNode live, List<JsonNode> shapes) {
    String mergeKey = mergeKey(shapes.get(0));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (mergeKey != null) {
      for (JsonNode item : live) {
        JsonNode id = item.get(mergeKey);
        if (id == null) {
          continue;
        }
        List<JsonNode> sub = new ArrayList<>();
        for (JsonNode shape : shapes) {
          if (!shape.isArray()) {
            continue;
          }
          for (JsonNode declared : shape) {
            if (declared.has(mergeKey) && declared.get(mergeKey).asText().equals(id.asText())) {
              sub.add(declared);
            }
          }
        }
        if (!sub.isEmpty()) {
          out.add(project(item, sub));
        }
      }
      return out;
    }
    for (int i = 0; i < live.size(); i++) {
      List<JsonNode> sub = new ArrayList<>();
      for (JsonNode shape : shapes) {
        if (shape.isArray() && i < shape.size()) {
          sub.add(shape.get(i));
        }
      }
      out.add(sub.isEmpty() ? live.get(i) : project(live.get(i), sub));
    }
    return out;
  }

  /** The merge key every item of a declared list carries, with distinct values; null if none. */
  private static String mergeKey(JsonNode declared) {
    if (declared.isEmpty()) {
      return null;
    }
    for (String key : MERGE_KEYS) {
      Set<String> seen = new HashSet<>();
      boolean all = true;
      for (JsonNode item : declared) {
        if (!item.isObject() || !item.has(key) || !seen.add(item.get(key).asText())) {
          all = false;
          break;
        }
      }
      if (all) {
        return key;
      }
    }
    return null;
  }

  /** Sets the value at {@code pointer} to the first declared value, or removes it. */
  private static void takeDeclared(
      ObjectNode object, List<JsonNode> declared, JsonPointer pointer) {
    JsonNode value = null;
    for (JsonNode shape : declared) {
      JsonNode at = shape.at(pointer);
      if (!at.isMissingNode()) {
        value = at;
        break;
      }
    }
    JsonPointer parentPointer = pointer.head();
    String last = pointer.last().getMatchingProperty();
    JsonNode parent = object.at(parentPointer);
    if (parent instanceof ObjectNode p) {
      if (value == null) {
        p.remove(last);
      } else {
        p.set(last, value.deepCopy());
      }
    } else if (parent instanceof ArrayNode a) {
      int index = pointer.last().getMatchingIndex();
      if (index >= 0 && index < a.size()) {
        if (value == null) {
          a.remove(index);
        } else {
          a.set(index, value.deepCopy());
        }
      }
    }
  }
}
