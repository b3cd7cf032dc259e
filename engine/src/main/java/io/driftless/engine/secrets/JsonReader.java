package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict JSON reader (RFC 8259) into the SOPS tree, with limits on depth, string length and
 * values. Numbers become floats, as SOPS reads JSON numbers into Go's float64.
 */
final class JsonReader {
  private final String file;
  private final String s;
  private final int maxScalarChars;
  private int pos;
  private int line = 1;
  private int budget = SopsLimits.MAX_NODES;

  private JsonReader(String file, String text, int maxScalarChars) {
    this.file = file;
    this.s = text;
    this.maxScalarChars = maxScalarChars;
  }

  /** Reads one top-level object. */
  static Mapping read(String file, String text, int maxScalarChars) {
    JsonReader r = new JsonReader(file, text, maxScalarChars);
    r.space();
    if (r.pos >= r.s.length() || r.s.charAt(r.pos) != '{') {
      throw r.error("is not a JSON object: SOPS encrypts a JSON file whose top level is {...}");
    }
    Node root = r.value(0);
    r.space();
    if (r.pos < r.s.length()) {
      throw r.error("has text after its JSON object");
    }
    return (Mapping) root;
  }

  private SopsMalformedException error(String message) {
    return new SopsMalformedException(file, line, message);
  }

  private void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private Node value(int depth) {
    if (depth > SopsLimits.MAX_DEPTH) {
      throw error("nests deeper than " + SopsLimits.MAX_DEPTH + " levels");
    }
    if (--budget < 0) {
      throw error("has more than " + SopsLimits.MAX_NODES + " values");
    }
    space();
    if (pos >= s.length()) {
      throw error("ends in the middle of a JSON value");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return new Text(string());
      case 't':
        literal("true");
        return new Bool(true);
      case 'f':
        literal("false");
        return new Bool(false);
      case 'n':
        literal("null");
        return new Null();
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          return number();
        }
        throw error("has an unexpected character in JSON: '" + c + "'");
    }
  }

  private Mapping object(int depth) {
    List<Member> members = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    items(
        '}',
        "an object",
        () -> {
          space();
          if (peek() != '"') {
            throw error("has an object key that is not a string");
          }
          int keyLine = line;
          String key = string();
          if (!keys.add(key)) {
            throw new SopsMalformedException(file, keyLine, "has the key '" + key + "' twice");
          }
          space();
          expect(':');
          members.add(new Entry(key, value(depth + 1), keyLine));
        });
    return new Mapping(members);
  }

  private Sequence array(int depth) {
    List<Element> elements = new ArrayList<>();
    items(']', "an array", () -> elements.add(value(depth + 1)));
    return new Sequence(elements);
  }

  /**
   * Reads the comma-separated items of the container opening at {@code pos}, up to {@code close}.
   */
  private void items(char close, String container, Runnable item) {
    pos++;
    space();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      item.run();
      space();
      char c = next();
      if (c == close) {
        return;
      }
      if (c != ',') {
        throw error("misses a ',' or '" + close + "' in " + container);
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("has a string that is not closed");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("has a control character inside a string");
      }
      if (c == '\\') {
        if (pos >= s.length()) {
          throw error("has a string that is not closed");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("has a bad \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("has a bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("has a bad escape in a string");
        }
      } else {
        sb.append(c);
      }
      if (sb.length() > maxScalarChars) {
        throw error("has a string longer than " + maxScalarChars + " characters");
      }
    }
  }

  private Real number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw error("has a malformed number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("has a malformed number");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("has a malformed number");
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    String text = s.substring(start, pos);
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw error("has a number beyond the range of a double");
    }
    return new Real(d);
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw error("has an unexpected word in JSON");
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("misses a '" + c + "'");
    }
  }

  private char next() {
    if (pos >= s.length()) {
      throw error("ends in the middle of a JSON value");
    }
    return s.charAt(pos++);
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
