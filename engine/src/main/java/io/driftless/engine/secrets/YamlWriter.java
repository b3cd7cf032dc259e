package io.driftless.engine.secrets;

import io.driftless.engine.domain.StrictUtf8;
import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Comment;
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
import java.util.Base64;
import java.util.List;

/**
 * Writes documents as block YAML in SOPS's layout (four-space indentation, sequences indented under
 * their key, multi-line strings as literal blocks), keeping key order and comments.
 */
final class YamlWriter {
  private static final int INDENT = 4;
  private final StringBuilder out = new StringBuilder();

  private YamlWriter() {}

  static String write(List<Mapping> documents) {
    YamlWriter w = new YamlWriter();
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        w.out.append("---\n");
      }
      Mapping doc = documents.get(i);
      if (doc.members().isEmpty()) {
        w.out.append("{}\n");
      } else {
        w.mapping(doc, 0, false, INDENT);
      }
    }
    return w.out.toString();
  }

  /**
   * @param inline the cursor already stands at {@code col} (after a sequence's dash)
   * @param nest the column of the entries' nested content
   */
  private void mapping(Mapping m, int col, boolean inline, int nest) {
    boolean first = true;
    for (Member member : m.members()) {
      if (!(first && inline)) {
        indent(col);
      }
      first = false;
      if (member instanceof Comment c) {
        out.append('#').append(c.text()).append('\n');
      } else {
        Entry e = (Entry) member;
        out.append(key(e.key())).append(':');
        value(e.value(), nest);
      }
    }
  }

  /** Writes a value after {@code key:}, then the line break; nested content goes at {@code col}. */
  private void value(Node v, int col) {
    if (v instanceof Mapping m) {
      if (m.members().isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        mapping(m, col, false, col + INDENT);
      }
    } else if (v instanceof Sequence s) {
      if (s.elements().isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        sequence(s, col, false);
      }
    } else {
      out.append(' ');
      scalar(v, col);
    }
  }

  private void sequence(Sequence s, int col, boolean inline) {
    boolean first = true;
    for (Element element : s.elements()) {
      if (!(first && inline)) {
        indent(col);
      }
      first = false;
      if (element instanceof Comment c) {
        out.append('#').append(c.text()).append('\n');
      } else if (element instanceof Mapping m) {
        if (m.members().isEmpty()) {
          out.append("- {}\n");
        } else if (m.members().get(0) instanceof Comment) {
          out.append("-\n");
          mapping(m, col + 2, false, col + INDENT);
        } else {
          out.append("- ");
          mapping(m, col + 2, true, col + INDENT);
        }
      } else if (element instanceof Sequence inner) {
        if (inner.elements().isEmpty()) {
          out.append("- []\n");
        } else if (inner.elements().get(0) instanceof Comment) {
          out.append("-\n");
          sequence(inner, col + 2, false);
        } else {
          out.append("- ");
          sequence(inner, col + 2, true);
        }
      } else {
        out.append("- ");
        scalar((Node) element, col + INDENT);
      }
    }
  }

  /** Writes a scalar and the line break; block content goes at {@code blockCol}. */
  private void scalar(Node v, int blockCol) {
    if (v instanceof Text t) {
      string(t.value(), blockCol);
    } else if (v instanceof Raw r) {
      String text = StrictUtf8.decode(r.value()).orElse(null);
      if (text != null) {
        string(text, blockCol);
      } else {
        out.append("!!binary ").append(Base64.getEncoder().encodeToString(r.value())).append('\n');
      }
    } else if (v instanceof Int i) {
      out.append(i.value()).append('\n');
    } else if (v instanceof Real r) {
      out.append(real(r.value())).append('\n');
    } else if (v instanceof Bool b) {
      out.append(b.value()).append('\n');
    } else {
      out.append("null\n");
    }
  }

  /** Go's YAML float form, with {@code .0} kept on whole numbers so the type survives. */
  static String real(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String g = GoFloats.formatG(d);
    return g.matches("-?\\d+") ? g + ".0" : g;
  }

  private void string(String s, int blockCol) {
    if (!YamlScalars.needsQuotes(s)) {
      out.append(s).append('\n');
    } else if (literalBlockFits(s)) {
      String body = s;
      String chomp;
      if (!s.endsWith("\n")) {
        chomp = "|-";
      } else if (s.endsWith("\n\n")) {
        chomp = "|+";
        body = s.substring(0, s.length() - 1);
      } else {
        chomp = "|";
        body = s.substring(0, s.length() - 1);
      }
      out.append(chomp).append('\n');
      for (String line : body.split("\n", -1)) {
        if (!line.isEmpty()) {
          indent(blockCol);
          out.append(line);
        }
        out.append('\n');
      }
    } else {
      out.append(doubleQuoted(s)).append('\n');
    }
  }

  private static boolean literalBlockFits(String s) {
    if (!s.contains("\n") || s.isBlank()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' || c == 0x7f;
      if (control || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
        return false;
      }
    }
    String[] lines = s.split("\n", -1);
    for (String line : lines) {
      if (!line.isEmpty() && line.isBlank()) {
        return false;
      }
    }
    for (String line : lines) {
      if (!line.isEmpty()) {
        return line.charAt(0) != ' ' && line.charAt(0) != '\t';
      }
    }
    return false;
  }

  private static String key(String k) {
    return YamlScalars.needsQuotes(k) ? doubleQuoted(k) : k;
  }

  static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 0 -> sb.append("\\0");
        case 0x85 -> sb.append("\\N");
        case 0x2028 -> sb.append("\\L");
        case 0x2029 -> sb.append("\\P");
        case 0xfeff -> sb.append("\\uFEFF");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private void indent(int col) {
    out.append(" ".repeat(col));
  }
}
