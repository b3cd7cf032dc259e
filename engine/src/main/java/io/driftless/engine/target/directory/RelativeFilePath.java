package io.driftless.engine.target.directory;

import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.UnsafeResourceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resource key as a path inside a directory target: plain segments only, so that resolving it
 * against the root can never leave the root lexically.
 *
 * @param segments non-empty names, none of them {@code ""}, {@code "."} or {@code ".."}
 */
record RelativeFilePath(List<String> segments) {
  RelativeFilePath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a file path needs at least one segment");
    }
    for (String segment : segments) {
      if (!isPlainName(segment)) {
        throw new IllegalArgumentException("not a plain file name: '" + segment + "'");
      }
    }
  }

  /**
   * Parses a key, refusing what could address something outside the root or alias another key.
   *
   * @throws UnsafeResourceException naming the key
   */
  static RelativeFilePath of(ResourceKey key) {
    String value = key.value();
    if (value.startsWith("/")) {
      throw unsafe(key, "is an absolute path");
    }
    if (value.indexOf('\0') >= 0) {
      throw unsafe(key, "contains a NUL character");
    }
    List<String> segments = List.of(value.split("/", -1));
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw unsafe(key, "has an empty path segment");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw unsafe(key, "has a '" + segment + "' path segment");
      }
    }
    if (StagingLayout.isReserved(segments.get(0))) {
      throw unsafe(
          key,
          "lies under "
              + StagingLayout.RESERVED_DIRECTORY
              + ", the directory reserved for staging");
    }
    if (segments.get(segments.size() - 1).startsWith(StagingLayout.TEMP_PREFIX)) {
      throw unsafe(
          key,
          "uses the name prefix " + StagingLayout.TEMP_PREFIX + " reserved for temporary files");
    }
    return new RelativeFilePath(segments);
  }

  private static boolean isPlainName(String segment) {
    return !segment.isEmpty()
        && !segment.equals(".")
        && !segment.equals("..")
        && segment.indexOf('/') < 0
        && segment.indexOf('\0') < 0;
  }

  private static UnsafeResourceException unsafe(ResourceKey key, String why) {
    return new UnsafeResourceException(key.value(), "file '" + key.value() + "' " + why);
  }

  /** This path under {@code root}. */
  Path under(Path root) {
    Path path = root;
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }

  /** The directories above this file, outermost first, as paths relative to the root. */
  List<RelativeFilePath> parents() {
    List<RelativeFilePath> parents = new ArrayList<>();
    for (int i = 1; i < segments.size(); i++) {
      parents.add(new RelativeFilePath(segments.subList(0, i)));
    }
    return parents;
  }

  /**
   * Where a symlink at this path pointing to {@code target} lands, relative to the root; empty when
   * it would leave the root.
   *
   * <p>Resolution is lexical, which matches the filesystem only while no component is itself a
   * symlink. So only leading {@code ..} segments are accepted (they climb through this link's own
   * parents, which the target keeps real directories); a {@code ..} after a name could climb out of
   * another link and is refused. An absolute target is refused.
   */
  Optional<List<String>> resolveLink(String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    List<String> resolved = new ArrayList<>(segments.subList(0, segments.size() - 1));
    boolean enteredName = false;
    for (String segment : target.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (enteredName || resolved.isEmpty()) {
          return Optional.empty();
        }
        resolved.remove(resolved.size() - 1);
      } else {
        enteredName = true;
        resolved.add(segment);
      }
    }
    return Optional.of(resolved);
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
