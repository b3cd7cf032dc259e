package io.driftless.engine.target;

import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A resource key as a path inside the root of a file target (directory, ssh): plain segments only,
 * so that resolving it against the root can never leave the root lexically.
 *
 * @param segments non-empty names, none of them {@code ""}, {@code "."} or {@code ".."}
 */
public record RelativeFilePath(List<String> segments) {
  public RelativeFilePath {
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
  public static RelativeFilePath of(ResourceKey key) {
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
  public Path under(Path root) {
    Path path = root;
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }

  /** The directories above this file, outermost first, as paths relative to the root. */
  public List<RelativeFilePath> parents() {
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
  public Optional<List<String>> resolveLink(String target) {
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

  /**
   * Refuses, before anything is written, what no file target can hold: a key that is not a safe
   * relative path ({@link #of}); a key that is a file and also a directory of another key; kinds
   * other than file, executable and symlink; a symlink whose target is not UTF-8, leaves the root,
   * or would not be stored verbatim (a doubled or trailing '/').
   *
   * @param kind what the target is, for messages ("a directory target")
   * @throws UnsafeResourceException naming the first resource refused
   */
  public static void checkTree(Collection<Resource> resources, String kind) {
    NavigableSet<String> keys = new TreeSet<>();
    resources.forEach(resource -> keys.add(resource.key().value()));
    for (Resource resource : resources) {
      check(resource, keys::ceiling, kind);
    }
  }

  /**
   * {@link #checkTree} for {@code some} resources of {@code all}, the others having passed it (they
   * are as they were last applied): each of {@code some} is checked whole, and against every key of
   * {@code all} for a file that is also a directory.
   *
   * @throws UnsafeResourceException naming the first resource refused
   */
  public static void checkSome(
      SortedMap<ResourceKey, Resource> all, Collection<Resource> some, String kind) {
    Function<String, String> ceiling =
        key -> {
          if (key.length() > ResourceKey.MAX_LENGTH) {
            return null; // No key is longer.
          }
          SortedMap<ResourceKey, Resource> tail = all.tailMap(ResourceKey.of(key));
          return tail.isEmpty() ? null : tail.firstKey().value();
        };
    for (Resource resource : some) {
      for (RelativeFilePath parent : check(resource, ceiling, kind).parents()) {
        ResourceKey file = ResourceKey.of(parent.toString());
        if (all.containsKey(file)) {
          throw unsafe(file, "is a file and also the directory of '" + resource.key() + "'");
        }
      }
    }
  }

  /** Checks one resource, with the first key at or after a given one; gives its path. */
  private static RelativeFilePath check(
      Resource resource, Function<String, String> ceiling, String kind) {
    String key = resource.key().value();
    RelativeFilePath path = of(resource.key());
    String nested = ceiling.apply(key + "/");
    if (nested != null && nested.startsWith(key + "/")) {
      throw unsafe(resource.key(), "is a file and also the directory of '" + nested + "'");
    }
    switch (resource.kind()) {
      case FILE, EXECUTABLE -> {}
      case SYMLINK -> path.checkLink(resource);
      default ->
          throw unsafe(
              resource.key(),
              "is of kind "
                  + resource.kind()
                  + "; "
                  + kind
                  + " holds files, executables and symlinks");
    }
    return path;
  }

  private void checkLink(Resource link) {
    byte[] bytes = link.content().bytes();
    String target = new String(bytes, StandardCharsets.UTF_8);
    if (!Arrays.equals(target.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw unsafe(link.key(), "is a symlink whose target is not UTF-8");
    }
    if (resolveLink(target).isEmpty()) {
      throw unsafe(link.key(), "is a symlink that points outside the target: '" + target + "'");
    }
    if (!Path.of(target).toString().equals(target)) {
      // The filesystem would store a normalized target, which would then look like drift forever.
      throw unsafe(
          link.key(),
          "is a symlink with a doubled or trailing '/' in its target: '" + target + "'");
    }
  }
}
