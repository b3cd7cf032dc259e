package io.driftless.ssh;

import java.util.List;
import java.util.Optional;

/**
 * An absolute, normalized path on a remote host: it starts with {@code /} and has no empty, {@code
 * .} or {@code ..} segment, so it names exactly one place and can never climb out of a directory
 * lexically. Symlinks on the host are another matter: {@link RemoteFiles} checks them.
 */
public record RemotePath(String value) {
  private static final int MAX_LENGTH = 4096;
  public static final RemotePath ROOT = new RemotePath("/");

  public RemotePath {
    if (value == null || !value.startsWith("/")) {
      throw new IllegalArgumentException("remote path '" + value + "' is not absolute");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "remote path is longer than " + MAX_LENGTH + " characters");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("remote path contains a NUL character");
    }
    if (!value.equals("/")) {
      for (String segment : value.substring(1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          throw new IllegalArgumentException(
              "remote path '" + value + "' has an empty, '.' or '..' segment");
        }
      }
    }
  }

  public static RemotePath of(String value) {
    return new RemotePath(value);
  }

  /** The entry {@code name} in this directory. */
  public RemotePath child(String name) {
    if (name == null || name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("'" + name + "' is not a plain file name");
    }
    return new RemotePath(value.equals("/") ? "/" + name : value + "/" + name);
  }

  /**
   * This path with the relative path {@code relative} ({@code a/b/c}) below it.
   *
   * @throws IllegalArgumentException when {@code relative} is absolute or has an empty, {@code .}
   *     or {@code ..} segment
   */
  public RemotePath resolve(String relative) {
    if (relative == null || relative.startsWith("/")) {
      throw new IllegalArgumentException("'" + relative + "' is not a relative path");
    }
    return new RemotePath(value.equals("/") ? "/" + relative : value + "/" + relative);
  }

  /** The directory holding this path; empty for {@code /}. */
  public Optional<RemotePath> parent() {
    if (value.equals("/")) {
      return Optional.empty();
    }
    int slash = value.lastIndexOf('/');
    return Optional.of(new RemotePath(slash == 0 ? "/" : value.substring(0, slash)));
  }

  /** The last segment; empty for {@code /}. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** The segments, outermost first; none for {@code /}. */
  public List<String> segments() {
    return value.equals("/") ? List.of() : List.of(value.substring(1).split("/"));
  }

  /** Whether this path is {@code base} or lies below it. */
  public boolean isWithin(RemotePath base) {
    return value.equals(base.value) || base.value.equals("/") || value.startsWith(base.value + "/");
  }

  /**
   * This path relative to {@code base}, with {@code /} separators; empty when they are equal.
   *
   * @throws IllegalArgumentException when this path is not within {@code base}
   */
  public String relativeTo(RemotePath base) {
    if (!isWithin(base)) {
      throw new IllegalArgumentException(value + " is not within " + base.value);
    }
    if (value.equals(base.value)) {
      return "";
    }
    return value.substring(base.value.equals("/") ? 1 : base.value.length() + 1);
  }

  @Override
  public String toString() {
    return value;
  }
}
