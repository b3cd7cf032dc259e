package io.driftless.engine.target.directory;

import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The root of one directory target and the checks every part of the target makes against it: the
 * root is still allowed and a directory, a path's parents are real directories.
 */
final class TargetRoot {
  private final TargetSpec.Directory spec;
  private final Path path;
  private final AllowedRoots allowedRoots;

  /**
   * @param path the real path of the spec's root, already checked against {@code allowedRoots}
   */
  TargetRoot(TargetSpec.Directory spec, Path path, AllowedRoots allowedRoots) {
    this.spec = spec;
    this.path = path;
    this.allowedRoots = allowedRoots;
  }

  Path path() {
    return path;
  }

  TargetSpec.Directory spec() {
    return spec;
  }

  /** Checks again that the root is allowed and is a directory; false when it does not exist yet. */
  boolean check() {
    Path real = allowedRoots.resolveInside(spec.root());
    if (!real.equals(path)) {
      throw new TargetConfigException(
          "target.root", "root " + spec.root() + " now leads to " + real + ", not " + path);
    }
    Optional<FileStat> stat = stat(path);
    if (stat.isEmpty()) {
      return false;
    }
    if (!stat.get().isDirectory()) {
      throw new TargetConfigException(
          "target.root", "root " + path + " is a " + stat.get().typeName() + ", not a directory");
    }
    return true;
  }

  /**
   * Whether every parent of {@code file} is a real directory (not missing, a file or a symlink).
   * {@code known} remembers answers across calls, keyed by the parent's relative path.
   */
  boolean parentsAreDirectories(RelativeFilePath file, Map<String, Boolean> known) {
    for (RelativeFilePath parent : file.parents()) {
      Boolean directory = known.get(parent.toString());
      if (directory == null) {
        Optional<FileStat> stat = stat(parent.under(path));
        directory = stat.isPresent() && stat.get().isDirectory();
        known.put(parent.toString(), directory);
      }
      if (!directory) {
        return false;
      }
    }
    return true;
  }

  /** {@code lstat}: empty when nothing is there. */
  Optional<FileStat> stat(Path file) {
    try {
      return FileStat.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + file, e);
    }
  }

  static UnsafeResourceException unsafe(String key, String why) {
    return new UnsafeResourceException(key, "file '" + key + "' " + why);
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
