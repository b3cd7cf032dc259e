package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Comment;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INI files as SOPS reads them (through go-ini): sections of string values, keys before the first
 * section in {@code DEFAULT}, {@code ;} and {@code #} comments, and the metadata in a {@code
 * [sops]} section. A value's key path is its section and its key.
 */
final class IniStore implements SopsStore {
  private static final String DEFAULT = "DEFAULT";

  @Override
  public Parsed readEncrypted(String file, byte[] bytes) {
    Map<String, List<Member>> sections = sections(file, bytes);
    List<Member> sopsSection = sections.remove("sops");
    Mapping metadata = null;
    if (sopsSection != null) {
      Map<String, String> flat = new LinkedHashMap<>();
      for (Member m : sopsSection) {
        if (m instanceof Entry e) {
          flat.put(e.key(), ((Text) e.value()).value());
        }
      }
      metadata = FlatMetadata.unflatten(flat);
    }
    return new Parsed(List.of(tree(sections)), metadata);
  }

  @Override
  public List<Mapping> readPlain(String file, byte[] bytes) {
    Map<String, List<Member>> sections = sections(file, bytes);
    if (sections.containsKey("sops")) {
      throw new SopsMalformedException(
          file, 0, "has a [sops] section, which holds SOPS metadata (encrypted already?)");
    }
    return List.of(tree(sections));
  }

  private static Mapping tree(Map<String, List<Member>> sections) {
    List<Member> members = new ArrayList<>();
    sections.forEach(
        (name, items) -> {
          if (!(name.equals(DEFAULT) && items.isEmpty())) {
            members.add(new Entry(name, new Mapping(items), 0));
          }
        });
    return new Mapping(members);
  }

  private static Map<String, List<Member>> sections(String file, byte[] bytes) {
    Map<String, List<Member>> sections = new LinkedHashMap<>();
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    List<Member> current = new ArrayList<>();
    sections.put(DEFAULT, current);
    keys.put(DEFAULT, new HashSet<>());
    String section = DEFAULT;
    List<Comment> pending = new ArrayList<>();
    String[] lines = SopsStore.text(file, bytes).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int n = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(";") || line.startsWith("#")) {
        String text = line.startsWith(";") ? trimLeft(line, "; ") : trimLeft(line, "# ");
        pending.add(new Comment(text, n));
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw new SopsMalformedException(file, n, "has a malformed section header");
        }
        section = line.substring(1, line.length() - 1).strip();
        current = sections.computeIfAbsent(section, s -> new ArrayList<>());
        keys.computeIfAbsent(section, s -> new HashSet<>());
        current.addAll(pending);
        pending.clear();
        continue;
      }
      int eq = delimiter(line);
      if (eq <= 0) {
        throw new SopsMalformedException(file, n, "is not an INI line: expected key = value");
      }
      String key = line.substring(0, eq).strip();
      if (!keys.get(section).add(key)) {
        throw new SopsMalformedException(
            file, n, "has the key '" + key + "' twice in section [" + section + "]");
      }
      current.addAll(pending);
      pending.clear();
      current.add(new Entry(key, new Text(value(line.substring(eq + 1))), n));
    }
    current.addAll(pending);
    return sections;
  }

  private static int delimiter(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }

  /**
   * A value as go-ini reads it: quotes removed, an unquoted value ends at {@code #} or {@code ;}.
   */
  private static String value(String raw) {
    String v = raw.strip();
    if (v.startsWith("\"\"\"") && v.length() >= 6 && v.endsWith("\"\"\"")) {
      return v.substring(3, v.length() - 3);
    }
    if (v.startsWith("`") && v.length() >= 2 && v.endsWith("`")) {
      return v.substring(1, v.length() - 1);
    }
    int comment = -1;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == '#' || v.charAt(i) == ';') {
        comment = i;
        break;
      }
    }
    if (comment >= 0) {
      v = v.substring(0, comment).strip();
    }
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static String trimLeft(String s, String chars) {
    int i = 0;
    while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  @Override
  public byte[] writeEncrypted(List<Mapping> branches, Mapping metadata) {
    List<Member> sections = new ArrayList<>(branches.get(0).members());
    List<Member> flat = new ArrayList<>();
    FlatMetadata.flatten(metadata).forEach((k, v) -> flat.add(new Entry(k, new Text(v), 0)));
    sections.add(new Entry("sops", new Mapping(flat), 0));
    return writePlain(List.of(new Mapping(sections)));
  }

  @Override
  public byte[] writePlain(List<Mapping> branches) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Member m : branches.get(0).members()) {
      if (!(m instanceof Entry section)) {
        out.append("; ").append(((Comment) m).text()).append('\n');
        continue;
      }
      if (!(section.value() instanceof Mapping items)) {
        throw new IllegalArgumentException("an INI section holds keys, not a single value");
      }
      if (!first) {
        out.append('\n');
      }
      first = false;
      int width = 0;
      for (Member item : items.members()) {
        if (item instanceof Entry e) {
          width = Math.max(width, e.key().length());
        }
      }
      boolean headerWritten = false;
      for (Member item : items.members()) {
        if (item instanceof Comment c) {
          out.append("; ").append(c.text()).append('\n');
          continue;
        }
        if (!headerWritten) {
          header(out, section.key());
          headerWritten = true;
        }
        Entry e = (Entry) item;
        out.append(e.key())
            .append(" ".repeat(width - e.key().length()))
            .append(" = ")
            .append(quoted(DotenvStore.string(e.value())))
            .append('\n');
      }
      if (!headerWritten) {
        header(out, section.key());
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void header(StringBuilder out, String section) {
    if (!section.equals(DEFAULT)) {
      out.append('[').append(section).append("]\n");
    }
  }

  /** Quotes a value as go-ini writes it, so that it reads back unchanged. */
  private static String quoted(String v) {
    if (v.contains("\n") || v.contains("`")) {
      return "\"\"\"" + v + "\"\"\"";
    }
    if (v.contains("#") || v.contains(";")) {
      return "`" + v + "`";
    }
    if (!v.equals(v.strip())
        || v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return "\"" + v + "\"";
    }
    return v;
  }
}
