package io.driftless.engine.generate;

import io.driftless.engine.glob.Glob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A Git directory generator, as Argo CD's ApplicationSet and Flux's path patterns: the directories
 * of a tree whose whole path matches one of {@code paths} and none of {@code exclude}. Patterns are
 * the product's one {@link Glob}, anchored at the repository's root ({@code envs/*}{@code /*} is
 * {@code envs/web/prod}, never {@code x/envs/web/prod} nor {@code envs/web/prod/sub}); {@code **}
 * crosses directories. A Git tree holds no empty directory, so a directory is one that holds a file
 * somewhere below it.
 *
 * @param paths the patterns that select directories, at least one
 * @param exclude the patterns that take selected directories back out
 */
public record DirectoryGenerator(List<String> paths, List<String> exclude) {
  public DirectoryGenerator {
    paths = paths == null ? List.of() : List.copyOf(paths);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a directory generator needs at least one path pattern");
    }
    paths.forEach(p -> compile("paths", p));
    exclude.forEach(p -> compile("exclude", p));
  }

  /** The directories of {@code directories} that this generator selects, in path order. */
  public SortedSet<String> select(Collection<String> directories) {
    List<Glob> include = paths.stream().map(p -> compile("paths", p)).toList();
    List<Glob> except = exclude.stream().map(p -> compile("exclude", p)).toList();
    SortedSet<String> selected = new TreeSet<>();
    for (String directory : directories) {
      if (include.stream().anyMatch(g -> g.matchesWhole(directory))
          && except.stream().noneMatch(g -> g.matchesWhole(directory))) {
        selected.add(directory);
      }
    }
    return selected;
  }

  /**
   * The deepest directory that holds every selected directory, read from the patterns' literal
   * leading segments ({@code envs} for {@code envs/*}{@code /*}); {@code ""} for the root. A caller
   * lists only that part of a tree.
   */
  public String base() {
    List<String> common = null;
    for (String pattern : paths) {
      List<String> literal = new ArrayList<>();
      String[] segments = strip(pattern).split("/");
      // The last segment names the selected directory itself, so it is never part of the base.
      for (int i = 0; i < segments.length - 1 && isLiteral(segments[i]); i++) {
        literal.add(segments[i]);
      }
      if (common == null) {
        common = literal;
      } else {
        int n = 0;
        while (n < common.size() && n < literal.size() && common.get(n).equals(literal.get(n))) {
          n++;
        }
        common = common.subList(0, n);
      }
    }
    return common == null ? "" : String.join("/", common);
  }

  /**
   * Every directory that holds one of {@code files} (paths relative to the root), in path order.
   */
  public static SortedSet<String> directoriesOf(Collection<String> files) {
    SortedSet<String> directories = new TreeSet<>();
    for (String file : files) {
      int slash = file.lastIndexOf('/');
      while (slash > 0) {
        if (!directories.add(file.substring(0, slash))) {
          break;
        }
        slash = file.lastIndexOf('/', slash - 1);
      }
    }
    return directories;
  }

  private static boolean isLiteral(String segment) {
    return segment.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  private static String strip(String pattern) {
    String p = pattern.strip();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.startsWith("/") ? p.substring(1) : p;
  }

  private static Glob compile(String field, String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException(field + " patterns must not be blank");
    }
    String p = strip(pattern);
    if (p.isEmpty()) {
      throw new IllegalArgumentException(field + " pattern '" + pattern + "' names no directory");
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException(
            field + " pattern '" + pattern + "' must not contain '" + segment + "'");
      }
    }
    try {
      // A leading '/' anchors the pattern at the root, whether or not it has a '/' of its own.
      return Glob.compile("/" + p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " pattern '" + pattern + "' is invalid: " + e.getMessage(), e);
    }
  }
}
