package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Raw;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How many values of a decrypted file changed: its two plaintexts, read in the file's own format,
 * compared leaf by leaf (a value changed, added or removed counts once; comments do not count). It
 * is the only thing said of a change to a decrypted file besides that it changed: a count, never a
 * key or a value.
 */
public final class SopsValues {
  private SopsValues() {}

  /**
   * @param path the file's path (its extension chooses the format, as {@link SopsFormat#forPath});
   *     a Kubernetes object's canonical JSON is read with a {@code .json} path
   * @param before its plaintext before, null for none (every value is new)
   * @param after its plaintext after, null for none
   * @return the number of leaf values that differ; 1 for content that does not parse in its format
   *     and differs
   */
  public static int changed(String path, byte[] before, byte[] after) {
    try {
      Map<String, Object> a = leaves(path, before);
      Map<String, Object> b = leaves(path, after);
      Set<String> keys = new HashSet<>(a.keySet());
      keys.addAll(b.keySet());
      int changed = 0;
      for (String key : keys) {
        if (!same(a.get(key), b.get(key))) {
          changed++;
        }
      }
      return changed;
    } catch (RuntimeException e) {
      // A file edited by hand on the target may not parse: it changed, as one value.
      return Arrays.equals(before, after) ? 0 : 1;
    }
  }

  private static boolean same(Object a, Object b) {
    return a instanceof byte[] x && b instanceof byte[] y
        ? Arrays.equals(x, y)
        : Objects.equals(a, b);
  }

  private static Map<String, Object> leaves(String path, byte[] bytes) {
    Map<String, Object> leaves = new HashMap<>();
    if (bytes == null) {
      return leaves;
    }
    List<Mapping> branches = SopsFormat.forPath(path).store().readPlain(path, bytes);
    for (int i = 0; i < branches.size(); i++) {
      walk(i + ":", branches.get(i), leaves);
    }
    return leaves;
  }

  private static void walk(String at, Node node, Map<String, Object> leaves) {
    if (node instanceof Mapping m) {
      for (Member member : m.members()) {
        if (member instanceof Entry e) {
          walk(at + "/" + e.key().length() + ":" + e.key(), e.value(), leaves);
        }
      }
    } else if (node instanceof Sequence s) {
      int index = 0;
      for (Element element : s.elements()) {
        if (element instanceof Node n) {
          walk(at + "[" + index++ + "]", n, leaves);
        }
      }
    } else if (node instanceof Raw r) {
      leaves.put(at, r.value());
    } else {
      leaves.put(at, scalar(node));
    }
  }

  /** A scalar with its type, so that {@code 1} and {@code "1"} differ, as SOPS types them. */
  private static String scalar(Node node) {
    if (node instanceof Text t) {
      return "s" + t.value();
    }
    if (node instanceof Int n) {
      return "i" + n.value();
    }
    if (node instanceof Real r) {
      return "f" + r.value();
    }
    if (node instanceof Bool b) {
      return "b" + b.value();
    }
    return "n";
  }
}
