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
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Raw;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Scalar;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Walks a document's values in order, encrypting or decrypting each one that the rule selects and
 * hashing the plaintext values into the MAC, exactly as SOPS's {@code Tree.Encrypt} and {@code
 * Tree.Decrypt} do: additional data is the key path joined by {@code :} plus {@code :} (list items
 * use their list's path), empty strings stay empty, nulls are skipped, comments are encrypted but
 * never hashed, and the MAC is the uppercase hex SHA-512 of the plaintext values.
 */
final class TreeCipher {
  /** SHA-256 of "sops": the MAC's first bytes when it covers only encrypted values. */
  private static final byte[] MAC_ONLY_ENCRYPTED_INIT =
      HexFormat.of().parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  /** The walked document and the MAC of its plaintext values. */
  record Result(List<Mapping> branches, String mac) {}

  private final String file;
  private final EncryptionRule rule;
  private final ValueCipher cipher;
  private final boolean encrypting;
  private final boolean rawStrings;
  private final MessageDigest hash;

  private TreeCipher(
      String file, EncryptionRule rule, ValueCipher cipher, boolean encrypting, boolean raw) {
    this.file = file;
    this.rule = rule;
    this.cipher = cipher;
    this.encrypting = encrypting;
    this.rawStrings = raw;
    try {
      this.hash = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (rule.macOnlyEncrypted()) {
      hash.update(MAC_ONLY_ENCRYPTED_INIT);
    }
  }

  static Result encrypt(
      String file, List<Mapping> branches, EncryptionRule rule, ValueCipher cipher) {
    return new TreeCipher(file, rule, cipher, true, false).walk(branches);
  }

  /**
   * @param rawStrings decrypt {@code str} values to bytes (the binary store's content need not be
   *     UTF-8)
   */
  static Result decrypt(
      String file,
      List<Mapping> branches,
      EncryptionRule rule,
      ValueCipher cipher,
      boolean rawStrings) {
    return new TreeCipher(file, rule, cipher, false, rawStrings).walk(branches);
  }

  private Result walk(List<Mapping> branches) {
    List<Mapping> out = new ArrayList<>();
    for (Mapping branch : branches) {
      out.add(mapping(branch, List.of()));
    }
    return new Result(out, HexFormat.of().withUpperCase().formatHex(hash.digest()));
  }

  private Mapping mapping(Mapping in, List<String> path) {
    List<Member> out = new ArrayList<>(in.members().size());
    for (Member m : in.members()) {
      if (m instanceof Comment c) {
        out.add(comment(c, path));
      } else if (m instanceof Entry e) {
        List<String> child = new ArrayList<>(path);
        child.add(e.key());
        out.add(new Entry(e.key(), value(e.value(), child, e.line()), e.line()));
      }
    }
    return new Mapping(out);
  }

  private Node value(Node in, List<String> path, int line) {
    if (in instanceof Mapping m) {
      return mapping(m, path);
    }
    if (in instanceof Sequence s) {
      List<Element> out = new ArrayList<>(s.elements().size());
      for (Element e : s.elements()) {
        out.add(e instanceof Comment c ? comment(c, path) : value((Node) e, path, line));
      }
      return new Sequence(out);
    }
    return encrypting ? encryptLeaf((Scalar) in, path) : decryptLeaf((Scalar) in, path, line);
  }

  private Node encryptLeaf(Scalar in, List<String> path) {
    if (in instanceof Null) {
      return in;
    }
    byte[] bytes = bytes(in);
    boolean encrypted = rule.encrypts(path);
    if (!rule.macOnlyEncrypted() || encrypted) {
      hash.update(bytes);
    }
    if (!encrypted) {
      return in;
    }
    if (bytes.length == 0 && (in instanceof Text || in instanceof Raw)) {
      return new Text("");
    }
    return new Text(cipher.encrypt(bytes, type(in), additionalData(path)));
  }

  private Node decryptLeaf(Scalar in, List<String> path, int line) {
    if (in instanceof Null) {
      return in;
    }
    boolean encrypted = rule.encrypts(path);
    Scalar plain = in;
    if (encrypted) {
      if (!(in instanceof Text t)
          || !t.value().isEmpty() && !ValueCipher.looksEncrypted(t.value())) {
        throw new SopsMacMismatchException(
            file,
            "the value at "
                + additionalData(path)
                + " is not encrypted although the file's rules say it must be");
      }
      if (!t.value().isEmpty()) {
        ValueCipher.Plain p;
        try {
          p = cipher.decrypt(t.value(), additionalData(path));
        } catch (ValueCipher.NotAuthentic e) {
          throw new SopsMacMismatchException(
              file,
              "the value at "
                  + additionalData(path)
                  + " does not authenticate (changed, or moved from another key)");
        }
        plain = typed(p, path, line);
      }
    }
    if (!rule.macOnlyEncrypted() || encrypted) {
      hash.update(bytes(plain));
    }
    return plain;
  }

  private Comment comment(Comment c, List<String> path) {
    if (!rule.encrypts(path) || c.text().isEmpty()) {
      return c;
    }
    if (encrypting) {
      return new Comment(
          cipher.encrypt(
              c.text().getBytes(StandardCharsets.UTF_8), "comment", additionalData(path)),
          c.line());
    }
    // A comment that does not decrypt stays as it is, as SOPS leaves it: comments are not
    // covered by the MAC, and one placed by another YAML writer may sit in a neighbouring map.
    for (int depth = path.size(); depth >= 0; depth--) {
      try {
        ValueCipher.Plain p = cipher.decrypt(c.text(), additionalData(path.subList(0, depth)));
        if (p == null) {
          return c;
        }
        if (p.type().equals("comment")) {
          return new Comment(utf8(p.bytes(), path, c.line()), c.line());
        }
        return c;
      } catch (ValueCipher.NotAuthentic e) {
        // try the enclosing map
      }
    }
    return c;
  }

  private Scalar typed(ValueCipher.Plain p, List<String> path, int line) {
    String text;
    try {
      switch (p.type()) {
        case "str":
          return rawStrings ? new Raw(p.bytes()) : new Text(utf8(p.bytes(), path, line));
        case "bytes":
          return new Raw(p.bytes());
        case "int":
          text = utf8(p.bytes(), path, line);
          return new Int(Long.parseLong(text));
        case "float":
          return new Real(GoFloats.parse(utf8(p.bytes(), path, line)));
        case "bool":
          return new Bool(goBool(utf8(p.bytes(), path, line)));
        default:
          throw new SopsUnsupportedException(
              file,
              "values of type " + p.type(),
              "the value at " + additionalData(path) + " has a type Driftless cannot read");
      }
    } catch (NumberFormatException e) {
      throw new SopsMalformedException(
          file,
          line,
          "the value at " + additionalData(path) + " is not a valid " + p.type() + " value");
    }
  }

  private String utf8(byte[] bytes, List<String> path, int line) {
    return StrictUtf8.decode(bytes)
        .orElseThrow(
            () ->
                new SopsMalformedException(
                    file, line, "the value at " + additionalData(path) + " is not valid UTF-8"));
  }

  private static boolean goBool(String s) {
    return switch (s) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new NumberFormatException("not a bool");
    };
  }

  /** A value's bytes as SOPS encrypts and hashes them. */
  static byte[] bytes(Scalar s) {
    if (s instanceof Raw r) {
      return r.value();
    }
    String text;
    if (s instanceof Text t) {
      text = t.value();
    } else if (s instanceof Int i) {
      text = Long.toString(i.value());
    } else if (s instanceof Real r) {
      text = GoFloats.formatF(r.value());
    } else if (s instanceof Bool b) {
      text = b.value() ? "True" : "False";
    } else {
      text = "";
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String type(Scalar s) {
    if (s instanceof Int) {
      return "int";
    }
    if (s instanceof Real) {
      return "float";
    }
    if (s instanceof Bool) {
      return "bool";
    }
    return "str";
  }

  static String additionalData(List<String> path) {
    return String.join(":", path) + ":";
  }
}
