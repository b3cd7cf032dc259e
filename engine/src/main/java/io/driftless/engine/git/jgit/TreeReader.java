package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.UnknownRefException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files of a path at a revision, read from the source's clone without a work tree: the path's
 * tree id (the render cache key), its listing, what changed in it between two revisions, and blobs.
 */
final class TreeReader {
  private final SourceClones clones;

  TreeReader(SourceClones clones) {
    this.clones = clones;
  }

  /** See {@link io.driftless.engine.git.GitReader#treeId}. */
  TreeId treeId(Source source, Revision revision, String path) {
    String dir = RefNames.directory(source, revision, path);
    try (RevWalk walk = new RevWalk(clones.repository(source))) {
      return new TreeId(pathTree(source, walk, revision, dir).name());
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#readPath}. */
  PathTree readPath(Source source, Revision revision, String path) {
    String dir = RefNames.directory(source, revision, path);
    Repository repo = clones.repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectReader reader = walk.getObjectReader();
      ObjectId treeId = pathTree(source, walk, revision, dir);
      List<PathTree.Entry> entries = new ArrayList<>();
      try (TreeWalk walkTree = new TreeWalk(repo, reader)) {
        walkTree.addTree(treeId);
        walkTree.setRecursive(true);
        while (walkTree.next()) {
          ResourceKind kind = kindOf(walkTree.getRawMode(0));
          if (kind == null) {
            continue; // submodules (gitlinks) are not files of this repository
          }
          // Sizes are not read: that would look up every blob, which a listing need not do.
          ObjectId blob = walkTree.getObjectId(0);
          entries.add(
              new PathTree.Entry(walkTree.getPathString(), kind, ContentHash.of(blob.name())));
        }
      }
      return new PathTree(revision, dir, new TreeId(treeId.name()), entries);
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#changes}. */
  PathChanges changes(Source source, Revision base, Revision revision, String path) {
    String dir = RefNames.directory(source, revision, path);
    Repository repo = clones.repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId from = pathTree(source, walk, base, dir);
      ObjectId to = pathTree(source, walk, revision, dir);
      List<PathTree.Entry> changed = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      if (!from.equals(to)) {
        try (TreeWalk diff = new TreeWalk(repo, walk.getObjectReader())) {
          diff.addTree(from);
          diff.addTree(to);
          diff.setRecursive(true);
          // Only entries that differ, and only subtrees whose ids differ, are visited.
          diff.setFilter(TreeFilter.ANY_DIFF);
          while (diff.next()) {
            ResourceKind kind = kindOf(diff.getRawMode(1));
            if (kind != null) {
              changed.add(
                  new PathTree.Entry(
                      diff.getPathString(), kind, ContentHash.of(diff.getObjectId(1).name())));
            } else if (kindOf(diff.getRawMode(0)) != null) {
              removed.add(diff.getPathString());
            }
          }
        }
      }
      return new PathChanges(
          revision, dir, new TreeId(from.name()), new TreeId(to.name()), changed, removed);
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#file}. */
  Optional<PathTree.Entry> file(Source source, Revision revision, String file) {
    Repository repo = clones.repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = SourceClones.commit(source, walk, revision);
      try (TreeWalk at = TreeWalk.forPath(walk.getObjectReader(), file, commit.getTree())) {
        ResourceKind kind = at == null ? null : kindOf(at.getRawMode(0));
        return kind == null
            ? Optional.empty()
            : Optional.of(new PathTree.Entry(file, kind, ContentHash.of(at.getObjectId(0).name())));
      }
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#readBlob}. */
  byte[] readBlob(Source source, ContentHash blob) {
    Repository repo = clones.repository(source);
    try {
      return repo.open(ObjectId.fromString(blob.value()), Constants.OBJ_BLOB)
          .getCachedBytes(Integer.MAX_VALUE)
          .clone();
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw noBlob(source, blob);
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#blobSize}. */
  long blobSize(Source source, ContentHash blob) {
    try (ObjectReader reader = clones.repository(source).newObjectReader()) {
      return reader.getObjectSize(ObjectId.fromString(blob.value()), Constants.OBJ_BLOB);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw noBlob(source, blob);
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  private static UnknownRefException noBlob(Source source, ContentHash blob) {
    return new UnknownRefException(
        source.name().value(),
        blob.value(),
        "source '%s' has no blob %s".formatted(source.name(), blob.value()));
  }

  /** The tree id of {@code dir} at {@code revision}: walks only the path's own components. */
  private static ObjectId pathTree(Source source, RevWalk walk, Revision revision, String dir)
      throws IOException {
    RevCommit commit = SourceClones.commit(source, walk, revision);
    if (dir.isEmpty()) {
      return commit.getTree().getId();
    }
    try (TreeWalk at = TreeWalk.forPath(walk.getObjectReader(), dir, commit.getTree())) {
      if (at == null) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' does not exist at revision %s of source '%s'"
                .formatted(dir, revision.value(), source.name()));
      }
      if (!FileMode.TREE.equals(at.getRawMode(0))) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' at revision %s of source '%s' is a file, not a directory"
                .formatted(dir, revision.value(), source.name()));
      }
      return at.getObjectId(0);
    }
  }

  private static ResourceKind kindOf(int rawMode) {
    if (FileMode.EXECUTABLE_FILE.equals(rawMode)) {
      return ResourceKind.EXECUTABLE;
    }
    if (FileMode.REGULAR_FILE.equals(rawMode)) {
      return ResourceKind.FILE;
    }
    if (FileMode.SYMLINK.equals(rawMode)) {
      return ResourceKind.SYMLINK;
    }
    return null;
  }
}
