package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Raw;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes JSON as SOPS does (Go's encoding/json, indented with tabs, a final newline); comments have
 * no place in JSON and are left out.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  private JsonWriter() {}

  static String write(Mapping root) {
    JsonWriter w = new JsonWriter();
    w.value(root, 0);
    return w.out.append('\n').toString();
  }

  private void value(Node v, int depth) {
    if (v instanceof Mapping m) {
      List<Entry> entries =
          m.members().stream().filter(Entry.class::isInstance).map(Entry.class::cast).toList();
      bracketed(
          '{',
          '}',
          entries,
          depth,
          e -> {
            string(e.key());
            out.append(": ");
            value(e.value(), depth + 1);
          });
    } else if (v instanceof Sequence s) {
      List<Node> items =
          s.elements().stream().filter(Node.class::isInstance).map(Node.class::cast).toList();
      bracketed('[', ']', items, depth, n -> value(n, depth + 1));
    } else if (v instanceof Text t) {
      string(t.value());
    } else if (v instanceof Raw r) {
      string(Base64.getEncoder().encodeToString(r.value()));
    } else if (v instanceof Int i) {
      out.append(i.value());
    } else if (v instanceof Real r) {
      if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
        throw new IllegalArgumentException("JSON has no form for " + r.value());
      }
      out.append(GoFloats.formatJson(r.value()));
    } else if (v instanceof Bool b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  /** {@code items} between {@code open} and {@code close}, one a line, or {@code {}} when none. */
  private <T> void bracketed(char open, char close, List<T> items, int depth, Consumer<T> item) {
    out.append(open);
    if (!items.isEmpty()) {
      out.append('\n');
      for (int i = 0; i < items.size(); i++) {
        indent(depth + 1);
        item.accept(items.get(i));
        out.append(i + 1 < items.size() ? ",\n" : "\n");
      }
      indent(depth);
    }
    out.append(close);
  }

  /** A JSON string escaped as Go's encoding/json escapes it (HTML characters too). */
  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', 0x2028, 0x2029 -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void indent(int depth) {
    out.append("\t".repeat(depth));
  }
}
