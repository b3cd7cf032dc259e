package io.driftless.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A config environment's plan in the registry's words, for a pull request's preview: "adds
 * environment web-prod; changes the target root of api-staging; retires source old".
 */
public final class RegistryChanges {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RegistryChanges() {}

  public static String summary(Plan plan) {
    if (plan.changes().isEmpty()) {
      return "no registry changes";
    }
    List<String> parts = new ArrayList<>();
    for (Change c : plan.changes()) {
      String object = c.key().value().replaceFirst("/", " ");
      String name = object.substring(object.indexOf(' ') + 1);
      parts.add(
          switch (c.action()) {
            case CREATE -> "adds " + object;
            case DELETE -> "retires " + object;
            case UPDATE -> "changes " + fields(c.before(), c.after()) + " of " + name;
          });
    }
    return String.join("; ", parts);
  }

  /** The fields that differ, in words: "the target root", "the path and the owner". */
  private static String fields(Resource before, Resource after) {
    TreeSet<String> paths = new TreeSet<>();
    String was = text(before);
    String now = text(after);
    if (!firstLine(was).equals(firstLine(now))) {
      paths.add("owner");
    }
    differ("", tree(was), tree(now), paths);
    if (paths.isEmpty()) {
      return "the document";
    }
    List<String> words = paths.stream().map(p -> "the " + p.replace('.', ' ')).toList();
    return words.size() == 1
        ? words.get(0)
        : String.join(", ", words.subList(0, words.size() - 1))
            + " and "
            + words.get(words.size() - 1);
  }

  private static void differ(String at, JsonNode a, JsonNode b, TreeSet<String> paths) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        differ(at.isEmpty() ? name : at + "." + name, a.get(name), b.get(name), paths);
      }
      return;
    }
    paths.add(at.isEmpty() ? "document" : at);
  }

  private static String text(Resource r) {
    return new String(r.content().bytes(), StandardCharsets.UTF_8);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  private static JsonNode tree(String text) {
    try {
      Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text);
      return docs.hasNext() ? docs.next() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
