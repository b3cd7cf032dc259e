package io.driftless.engine.secrets;

import java.util.List;

/**
 * The document model every store reads into and writes from, as SOPS sees a file: ordered mappings
 * with string keys, sequences, typed scalars, and comments in their place. Values are immutable;
 * the walkers build new trees.
 */
final class SopsTree {
  private SopsTree() {}

  /** Something that may stand in a sequence: a value or a comment. */
  sealed interface Element permits Node, Comment {}

  /** Something that may stand in a mapping: an entry or a comment. */
  sealed interface Member permits Entry, Comment {}

  /** A value. */
  sealed interface Node extends Element permits Mapping, Sequence, Scalar {}

  /** A leaf value. */
  sealed interface Scalar extends Node permits Text, Raw, Int, Real, Bool, Null {}

  record Mapping(List<Member> members) implements Node {
    Mapping {
      members = List.copyOf(members);
    }

    /** The value of the first entry with this key, or null. */
    Node get(String key) {
      for (Member m : members) {
        if (m instanceof Entry e && e.key().equals(key)) {
          return e.value();
        }
      }
      return null;
    }
  }

  record Sequence(List<Element> elements) implements Node {
    Sequence {
      elements = List.copyOf(elements);
    }
  }

  /**
   * @param line 1-based line of the key in its file, or 0 when unknown
   */
  record Entry(String key, Node value, int line) implements Member {}

  /** A comment's text without its leading {@code #} (or {@code ;}). */
  record Comment(String text, int line) implements Member, Element {}

  record Text(String value) implements Scalar {}

  /** Bytes that need not be UTF-8: the binary store's content, or a value of type {@code bytes}. */
  record Raw(byte[] value) implements Scalar {}

  record Int(long value) implements Scalar {}

  record Real(double value) implements Scalar {}

  record Bool(boolean value) implements Scalar {}

  record Null() implements Scalar {}
}
