package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Comment;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Raw;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dotenv files as SOPS reads them: {@code KEY=value} lines (the key as written up to the first
 * {@code =}, {@code \n} in a value is a line break), {@code #} comment lines, and the metadata as
 * {@code sops_...} keys after the data.
 */
final class DotenvStore implements SopsStore {
  private static final String PREFIX = "sops_";

  @Override
  public Parsed readEncrypted(String file, byte[] bytes) {
    List<Member> data = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Member m : lines(file, bytes)) {
      if (m instanceof Entry e && e.key().startsWith(PREFIX)) {
        metadata.put(e.key().substring(PREFIX.length()), ((Text) e.value()).value());
      } else {
        data.add(m);
      }
    }
    return new Parsed(
        List.of(new Mapping(data)), metadata.isEmpty() ? null : FlatMetadata.unflatten(metadata));
  }

  @Override
  public List<Mapping> readPlain(String file, byte[] bytes) {
    List<Member> members = lines(file, bytes);
    for (Member m : members) {
      if (m instanceof Entry e && e.key().startsWith(PREFIX)) {
        throw new SopsMalformedException(
            file,
            e.line(),
            "has the key "
                + e.key()
                + ": keys starting with sops_ hold SOPS metadata (is the file encrypted already?)");
      }
    }
    return List.of(new Mapping(members));
  }

  private static List<Member> lines(String file, byte[] bytes) {
    String text = SopsStore.text(file, bytes);
    List<Member> members = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == '#') {
        members.add(new Comment(line.substring(1), i + 1));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new SopsMalformedException(
            file, i + 1, "is not a dotenv line: expected KEY=value or # comment");
      }
      String key = line.substring(0, eq);
      if (!keys.add(key)) {
        throw new SopsMalformedException(file, i + 1, "has the key '" + key + "' twice");
      }
      if (line.length() - eq > SopsLimits.MAX_SCALAR_CHARS) {
        throw new SopsMalformedException(
            file, i + 1, "has a value longer than " + SopsLimits.MAX_SCALAR_CHARS + " characters");
      }
      members.add(new Entry(key, new Text(line.substring(eq + 1).replace("\\n", "\n")), i + 1));
    }
    return members;
  }

  @Override
  public byte[] writeEncrypted(List<Mapping> branches, Mapping metadata) {
    List<Member> members = new ArrayList<>(branches.get(0).members());
    FlatMetadata.flatten(metadata)
        .forEach((k, v) -> members.add(new Entry(PREFIX + k, new Text(v.replace("\\n", "\n")), 0)));
    return writePlain(List.of(new Mapping(members)));
  }

  @Override
  public byte[] writePlain(List<Mapping> branches) {
    StringBuilder out = new StringBuilder();
    for (Member m : branches.get(0).members()) {
      if (m instanceof Comment c) {
        out.append('#').append(c.text()).append('\n');
      } else {
        Entry e = (Entry) m;
        out.append(e.key()).append('=').append(string(e.value()).replace("\n", "\\n")).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A value as text, as SOPS's {@code ValueToString} writes it. */
  static String string(Node v) {
    if (v instanceof Text t) {
      return t.value();
    }
    if (v instanceof Raw r) {
      return new String(r.value(), StandardCharsets.UTF_8);
    }
    if (v instanceof Int i) {
      return Long.toString(i.value());
    }
    if (v instanceof Real r) {
      return GoFloats.formatF(r.value());
    }
    if (v instanceof Bool b) {
      return Boolean.toString(b.value());
    }
    if (v instanceof SopsTree.Null) {
      return "";
    }
    throw new IllegalArgumentException("a dotenv value cannot be a map or a list");
  }
}
