package io.driftless.engine.target.directory;

import io.driftless.engine.target.TargetConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The directories under which the server configuration lets directory targets write. Paths are
 * compared as real paths, so a symlink cannot smuggle a root out from under its allowed root.
 */
record AllowedRoots(List<Path> roots) {
  AllowedRoots {
    roots = List.copyOf(roots);
    for (Path root : roots) {
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("an allowed directory root must be absolute: " + root);
      }
    }
    roots = roots.stream().map(Path::normalize).toList();
  }

  /**
   * The real path of {@code root}, checked to lie under (or be) an allowed root. Symlinks are
   * resolved in the part of the path that exists, on both sides; missing directories are appended
   * as they are, to be created on first apply.
   *
   * @throws TargetConfigException (field {@code target.root}) when it is not allowed
   */
  Path resolveInside(Path root) {
    Path real = realPath(root);
    for (Path allowed : roots) {
      if (real.startsWith(realPath(allowed))) {
        return real;
      }
    }
    throw new TargetConfigException(
        "target.root",
        "directory target root "
            + root
            + (real.equals(root) ? "" : " (really " + real + ")")
            + " is not under a root the server allows: "
            + roots);
  }

  /** Resolves symlinks of the existing ancestors of a normalized absolute path. */
  static Path realPath(Path path) {
    Path existing = path.normalize();
    Deque<Path> missing = new ArrayDeque<>();
    int appeared = 0;
    while (existing != null) {
      try {
        Path real = existing.toRealPath();
        for (Path name : missing) {
          real = real.resolve(name);
        }
        return real;
      } catch (NoSuchFileException e) {
        if (Files.isSymbolicLink(existing)) {
          throw new TargetConfigException(
              "target.root", existing + " is a symlink to nothing; cannot tell where it leads");
        }
        if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && appeared++ < 3) {
          // Created meanwhile (another environment's first apply under the same parent): look
          // again.
          continue;
        }
        missing.push(existing.getFileName());
        existing = existing.getParent();
      } catch (IOException e) {
        throw new TargetConfigException(
            "target.root", "cannot resolve " + path + ": " + e.getMessage());
      }
    }
    throw new TargetConfigException("target.root", "cannot resolve " + path);
  }
}
