package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Comment;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads YAML (one mapping per document) from SnakeYAML's event stream, with limits for untrusted
 * input: size, nesting depth, scalar length, and the values aliases may expand to. Comments are
 * kept: each belongs to the innermost block collection at whose indentation or deeper it stands,
 * which is where a YAML writer such as SOPS's puts the comments of a map.
 */
final class YamlReader {
  private static final String TAG = "tag:yaml.org,2002:";

  private final String file;
  private final int maxScalarChars;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, Node> anchors = new HashMap<>();
  private final List<Mapping> documents = new ArrayList<>();
  private Node root;
  private int budget = SopsLimits.MAX_NODES;

  private YamlReader(String file, int maxScalarChars) {
    this.file = file;
    this.maxScalarChars = maxScalarChars;
  }

  /** A comment not yet placed, with its column. */
  private record Pending(Comment comment, int column) {}

  private abstract static class Frame {
    final int column;
    final boolean flow;
    final String anchor;
    final int line;

    Frame(int column, boolean flow, String anchor, int line) {
      this.column = column;
      this.flow = flow;
      this.anchor = anchor;
      this.line = line;
    }
  }

  private static final class MapFrame extends Frame {
    final List<Member> members = new ArrayList<>();
    final Set<String> keys = new HashSet<>();
    String key;
    int keyLine;

    MapFrame(int column, boolean flow, String anchor, int line) {
      super(column, flow, anchor, line);
    }
  }

  private static final class SeqFrame extends Frame {
    final List<Element> elements = new ArrayList<>();

    SeqFrame(int column, boolean flow, String anchor, int line) {
      super(column, flow, anchor, line);
    }
  }

  /**
   * @throws SopsMalformedException naming the line of the first problem
   */
  static List<Mapping> read(String file, String text, int maxScalarChars) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setCodePointLimit(SopsLimits.MAX_FILE_BYTES);
    options.setAllowDuplicateKeys(false);
    YamlReader reader = new YamlReader(file, maxScalarChars);
    try {
      for (Event event : new Yaml(options).parse(new StringReader(text))) {
        reader.on(event);
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new SopsMalformedException(
          file,
          mark == null ? 0 : mark.getLine() + 1,
          "is not valid YAML: " + (e.getProblem() == null ? "syntax error" : e.getProblem()));
    } catch (YAMLException e) {
      throw new SopsMalformedException(file, 0, "is not valid YAML: " + firstLine(e));
    }
    return reader.documents;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static int line(Event e) {
    return e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
  }

  private static int column(Event e) {
    return e.getStartMark() == null ? 0 : e.getStartMark().getColumn();
  }

  private void on(Event event) {
    switch (event.getEventId()) {
      case DocumentStart -> {
        root = null;
        anchors.clear();
      }
      case DocumentEnd -> endDocument(line(event));
      case MappingStart, SequenceStart -> start((CollectionStartEvent) event);
      case MappingEnd, SequenceEnd -> end();
      case Scalar -> scalar((ScalarEvent) event);
      case Alias -> alias((AliasEvent) event);
      case Comment -> comment((CommentEvent) event);
      default -> {
        // stream start and end
      }
    }
  }

  private void comment(CommentEvent e) {
    if (e.getCommentType() == CommentType.BLANK_LINE) {
      return;
    }
    pending.add(new Pending(new Comment(e.getValue(), line(e)), column(e)));
  }

  private void start(CollectionStartEvent e) {
    beforeNode(e);
    if (stack.size() >= SopsLimits.MAX_DEPTH) {
      throw new SopsMalformedException(
          file, line(e), "nests deeper than " + SopsLimits.MAX_DEPTH + " levels");
    }
    checkTag(e.getTag(), line(e), e.getEventId() == Event.ID.MappingStart ? "map" : "seq");
    String anchor = ((NodeEvent) e).getAnchor();
    if (e.getEventId() == Event.ID.MappingStart) {
      stack.push(new MapFrame(column(e), e.isFlow(), anchor, line(e)));
    } else {
      stack.push(new SeqFrame(column(e), e.isFlow(), anchor, line(e)));
    }
  }

  private void end() {
    Frame frame = stack.pop();
    // Comments after the last item, at the collection's indentation or deeper, end it.
    List<Pending> mine = new ArrayList<>();
    for (Pending p : pending) {
      if (frame.flow || p.column() >= frame.column) {
        mine.add(p);
      }
    }
    pending.removeAll(mine);
    Node node;
    if (frame instanceof MapFrame m) {
      mine.forEach(p -> m.members.add(p.comment()));
      if (m.key != null) {
        throw new SopsMalformedException(file, m.keyLine, "has a key without a value");
      }
      node = new Mapping(m.members);
    } else {
      SeqFrame s = (SeqFrame) frame;
      mine.forEach(p -> s.elements.add(p.comment()));
      node = new Sequence(s.elements);
    }
    spend(1, frame.line);
    if (frame.anchor != null) {
      anchors.put(frame.anchor, node);
    }
    deliver(node, frame.line);
  }

  private void scalar(ScalarEvent e) {
    beforeNode(e);
    int line = line(e);
    if (e.getValue().length() > maxScalarChars) {
      throw new SopsMalformedException(
          file, line, "has a value longer than " + maxScalarChars + " characters");
    }
    Node node = typed(e, line);
    spend(1, line);
    if (e.getAnchor() != null) {
      anchors.put(e.getAnchor(), node);
    }
    deliver(node, line);
  }

  private void alias(AliasEvent e) {
    beforeNode(e);
    Node node = anchors.get(e.getAnchor());
    if (node == null) {
      throw new SopsMalformedException(
          file, line(e), "refers to an anchor that is not defined before: *" + e.getAnchor());
    }
    spend(size(node), line(e));
    deliver(node, line(e));
  }

  /** Places the comments waiting before a node that starts a new item. */
  private void beforeNode(Event e) {
    Frame top = stack.peek();
    if (top instanceof MapFrame m && m.key == null) {
      pending.forEach(p -> m.members.add(p.comment()));
      pending.clear();
    } else if (top instanceof SeqFrame s) {
      pending.forEach(p -> s.elements.add(p.comment()));
      pending.clear();
    }
  }

  private void deliver(Node node, int line) {
    Frame top = stack.peek();
    if (top == null) {
      if (root != null) {
        throw new SopsMalformedException(file, line, "has two roots in one document");
      }
      root = node;
      return;
    }
    if (top instanceof SeqFrame s) {
      s.elements.add(node);
      return;
    }
    MapFrame m = (MapFrame) top;
    if (m.key == null) {
      if (!(node instanceof Text t)) {
        throw new SopsMalformedException(
            file, line, "has a key that is not a string (SOPS needs string keys: quote it)");
      }
      if (!m.keys.add(t.value())) {
        throw new SopsMalformedException(file, line, "has the key '" + t.value() + "' twice");
      }
      m.key = t.value();
      m.keyLine = line;
    } else {
      m.members.add(new Entry(m.key, node, m.keyLine));
      m.key = null;
    }
  }

  private void endDocument(int line) {
    List<Member> trailing = new ArrayList<>();
    pending.forEach(p -> trailing.add(p.comment()));
    pending.clear();
    Mapping doc;
    if (root == null || root instanceof Null) {
      doc = new Mapping(trailing);
    } else if (root instanceof Mapping m) {
      List<Member> members = new ArrayList<>(m.members());
      members.addAll(trailing);
      doc = new Mapping(members);
    } else {
      throw new SopsMalformedException(
          file, line, "has a document that is not a map (SOPS encrypts maps of keys to values)");
    }
    documents.add(doc);
    root = null;
  }

  private Node typed(ScalarEvent e, int line) {
    String tag = e.getTag();
    String value = e.getValue();
    boolean plain = e.getScalarStyle() == ScalarStyle.PLAIN;
    if (tag == null || tag.equals("!")) {
      if (!plain || tag != null) {
        return new Text(value);
      }
      try {
        return YamlScalars.resolve(value);
      } catch (NumberFormatException ex) {
        throw new SopsMalformedException(file, line, "has an integer beyond 64 bits");
      }
    }
    String kind = checkTag(tag, line, "scalar");
    if (kind.equals("str") || kind.equals("timestamp")) {
      return new Text(value);
    }
    Node resolved;
    try {
      resolved = YamlScalars.resolve(value);
    } catch (NumberFormatException ex) {
      throw new SopsMalformedException(file, line, "has an integer beyond 64 bits");
    }
    boolean matches =
        switch (kind) {
          case "int" -> resolved instanceof SopsTree.Int;
          case "float" -> resolved instanceof SopsTree.Real || resolved instanceof SopsTree.Int;
          case "bool" -> resolved instanceof SopsTree.Bool;
          case "null" -> resolved instanceof Null;
          default -> false;
        };
    if (!matches) {
      throw new SopsMalformedException(file, line, "has a value that is not a valid !!" + kind);
    }
    if (kind.equals("float") && resolved instanceof SopsTree.Int i) {
      return new SopsTree.Real(i.value());
    }
    return resolved;
  }

  /** The short name of a standard tag, or an unsupported-feature error for any other. */
  private String checkTag(String tag, int line, String expected) {
    if (tag == null || tag.equals("!")) {
      return expected;
    }
    if (tag.startsWith(TAG)) {
      String kind = tag.substring(TAG.length());
      if (kind.equals(expected)
          || expected.equals("scalar")
              && List.of("str", "int", "float", "bool", "null", "timestamp").contains(kind)) {
        return kind;
      }
    }
    throw new SopsUnsupportedException(
        file, "the YAML tag " + tag + " (line " + line + ")", "remove the tag");
  }

  private void spend(int nodes, int line) {
    budget -= nodes;
    if (budget < 0) {
      throw new SopsMalformedException(
          file,
          line,
          "expands to more than " + SopsLimits.MAX_NODES + " values (aliases repeating maps?)");
    }
  }

  private static int size(Node node) {
    if (node instanceof Mapping m) {
      int n = 1;
      for (Member member : m.members()) {
        if (member instanceof Entry e) {
          n += 1 + size(e.value());
        }
      }
      return n;
    }
    if (node instanceof Sequence s) {
      int n = 1;
      for (Element e : s.elements()) {
        if (e instanceof Node child) {
          n += size(child);
        }
      }
      return n;
    }
    return 1;
  }
}
