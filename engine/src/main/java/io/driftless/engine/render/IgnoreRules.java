package io.driftless.engine.render;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.StrictUtf8;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.glob.Glob;
import io.driftless.engine.glob.GlobSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@code .driftlessignore} file, in gitignore syntax: one {@link Glob} per line,
 * {@code #} comments, blank lines skipped, {@code !} re-includes; the last matching rule wins.
 */
public final class IgnoreRules {
  /** The file's name, at the root of an environment's path. */
  public static final String FILE_NAME = ".driftlessignore";

  /**
   * The longest file accepted, in characters. Matching one path against every rule costs at most
   * the rules' total length times the path's length, so this bounds what one file can make a render
   * spend on each path; gitignore files of real projects are a few KiB.
   */
  public static final int MAX_LENGTH = 64 * 1024;

  private final GlobSet rules;

  private IgnoreRules(GlobSet rules) {
    this.rules = rules;
  }

  public static IgnoreRules none() {
    return new IgnoreRules(GlobSet.none());
  }

  /**
   * The rules of the {@code .driftlessignore} at the root of {@code tree}, its size taken from
   * {@code budget}; none when the path has no such file.
   *
   * @throws RenderException when the file is not UTF-8 text or a pattern cannot be read
   */
  public static IgnoreRules read(
      GitReader git, Source source, PathTree tree, RenderLimits.Budget budget) {
    IgnoreRules ignore = none();
    for (PathTree.Entry entry : tree.entries()) {
      if (entry.path().equals(FILE_NAME)) {
        budget.take(entry.path(), git.blobSize(source, entry.blob()));
        ignore =
            parse(
                StrictUtf8.decode(git.readBlob(source, entry.blob()))
                    .orElseThrow(() -> new RenderException(FILE_NAME, 0, "is not UTF-8 text")));
      }
    }
    return ignore;
  }

  /**
   * @throws RenderException naming the line of a pattern that cannot be read
   */
  public static IgnoreRules parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new RenderException(
          FILE_NAME,
          0,
          "is " + text.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    List<GlobSet.Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        rules.add(GlobSet.Rule.parse(line));
      } catch (IllegalArgumentException e) {
        String glob = line.startsWith("!") ? line.substring(1) : line;
        throw new RenderException(
            FILE_NAME,
            i + 1,
            glob.isBlank() ? e.getMessage() : "invalid pattern '" + glob + "': " + e.getMessage());
      }
    }
    return new IgnoreRules(GlobSet.of(rules));
  }

  public boolean ignores(String path) {
    return rules.matches(path);
  }
}
