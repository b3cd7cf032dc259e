package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code sops} block of formats without nesting (dotenv, INI), flattened as SOPS flattens it:
 * {@code age__list_0__map_recipient}, multi-line values with {@code \n} escaped, sorted by key.
 */
final class FlatMetadata {
  private static final String MAP = "__map_";
  private static final String LIST = "__list_";

  private FlatMetadata() {}

  static SortedMap<String, String> flatten(Mapping metadata) {
    SortedMap<String, String> flat = new TreeMap<>();
    for (Member m : metadata.members()) {
      if (m instanceof Entry e) {
        put(flat, e.key(), e.value());
      }
    }
    return flat;
  }

  private static void put(Map<String, String> flat, String prefix, Node value) {
    if (value instanceof Mapping m) {
      for (Member member : m.members()) {
        if (member instanceof Entry e) {
          put(flat, prefix + MAP + e.key(), e.value());
        }
      }
    } else if (value instanceof Sequence s) {
      int i = 0;
      for (Element e : s.elements()) {
        if (e instanceof Node n) {
          put(flat, prefix + LIST + i++, n);
        }
      }
    } else if (value instanceof Text t) {
      flat.put(prefix, t.value().replace("\n", "\\n"));
    } else if (value instanceof Bool b) {
      flat.put(prefix, Boolean.toString(b.value()));
    } else if (value instanceof Int i) {
      flat.put(prefix, Long.toString(i.value()));
    }
  }

  /** Rebuilds the nested block from flattened keys (without their {@code sops_} prefix). */
  static Mapping unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : flat.entrySet()) {
      List<Object> tokens = tokenize(e.getKey());
      Object current = root;
      for (int i = 0; i < tokens.size(); i++) {
        Object token = tokens.get(i);
        boolean last = i == tokens.size() - 1;
        Object next = last ? null : tokens.get(i + 1);
        Object child =
            last
                ? e.getValue().replace("\\n", "\n")
                : next instanceof Integer
                    ? new ArrayList<Object>()
                    : new LinkedHashMap<String, Object>();
        current = step(current, token, child, last);
        if (current == null) {
          break;
        }
      }
    }
    return (Mapping) toNode(root, "");
  }

  @SuppressWarnings("unchecked")
  private static Object step(Object current, Object token, Object child, boolean last) {
    if (current instanceof Map<?, ?> map && token instanceof String key) {
      Map<String, Object> m = (Map<String, Object>) map;
      return place(m.get(key), child, last, value -> m.put(key, value));
    }
    if (current instanceof List<?> list && token instanceof Integer index && index < 1000) {
      List<Object> l = (List<Object>) list;
      while (l.size() <= index) {
        l.add(null);
      }
      return place(l.get(index), child, last, value -> l.set(index, value));
    }
    return null;
  }

  /**
   * Sets {@code child} in a slot holding {@code existing}: always for the last token (returns
   * null), else only when the slot holds no container of the child's kind; returns the container to
   * step into next.
   */
  private static Object place(Object existing, Object child, boolean last, Consumer<Object> set) {
    if (last) {
      set.accept(child);
      return null;
    }
    if (existing == null || existing.getClass() != child.getClass()) {
      set.accept(child);
      return child;
    }
    return existing;
  }

  private static List<Object> tokenize(String path) {
    List<Object> tokens = new ArrayList<>();
    int i = 0;
    int start = 0;
    String state = "";
    while (i <= path.length()) {
      boolean map = path.startsWith(MAP, i);
      boolean list = path.startsWith(LIST, i);
      if (i == path.length() || map || list) {
        String text = path.substring(start, i);
        if (state.equals(LIST)) {
          try {
            tokens.add(Integer.parseInt(text));
          } catch (NumberFormatException e) {
            tokens.add(text);
          }
        } else {
          tokens.add(text);
        }
        if (i == path.length()) {
          break;
        }
        state = map ? MAP : LIST;
        i += state.length();
        start = i;
      } else {
        i++;
      }
    }
    return tokens;
  }

  private static Node toNode(Object o, String key) {
    if (o instanceof Map<?, ?> map) {
      List<Member> members = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String k = (String) e.getKey();
        members.add(new Entry(k, toNode(e.getValue(), k), 0));
      }
      return new Mapping(members);
    }
    if (o instanceof List<?> list) {
      List<Element> elements = new ArrayList<>();
      for (Object item : list) {
        elements.add(toNode(item, key));
      }
      return new Sequence(elements);
    }
    if (o instanceof String s) {
      if (key.equals("mac_only_encrypted")) {
        return new Bool(s.equals("true"));
      }
      return new Text(s);
    }
    return new Null();
  }
}
