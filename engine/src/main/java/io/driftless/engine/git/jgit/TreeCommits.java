package io.driftless.engine.git.jgit;

import io.driftless.engine.git.CommitIdentity;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The in-memory pieces every commit Driftless writes is made of (restore and promotion commits): a
 * tree read as a flat map of its files, a map written back as a tree, and a commit of a tree on one
 * parent. No work tree, no index file, no checkout.
 */
final class TreeCommits {
  private TreeCommits() {}

  /** A file of a tree: mode (regular, executable, symbolic link, submodule) and object. */
  record File(FileMode mode, ObjectId id) {}

  /** Every file under {@code tree}, by its path relative to that tree, sorted. */
  static SortedMap<String, File> files(ObjectReader reader, AnyObjectId tree) throws IOException {
    SortedMap<String, File> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        files.put(walk.getPathString(), new File(walk.getFileMode(0), walk.getObjectId(0)));
      }
    }
    return files;
  }

  /**
   * Writes {@code files} (path to file) as a tree and returns its id; the directories are those the
   * paths name.
   */
  static ObjectId writeTree(ObjectInserter inserter, Map<String, File> files) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    files.forEach(
        (path, file) -> {
          DirCacheEntry entry = new DirCacheEntry(path);
          entry.setFileMode(file.mode());
          entry.setObjectId(file.id());
          builder.add(entry);
        });
    builder.finish();
    return index.writeTree(inserter);
  }

  /**
   * Writes a commit of {@code tree} on {@code parent}, authored and committed by {@code who}, and
   * flushes it to the clone.
   */
  static ObjectId writeCommit(
      ObjectInserter inserter,
      ObjectId tree,
      AnyObjectId parent,
      CommitIdentity who,
      String message)
      throws IOException {
    PersonIdent person = new PersonIdent(who.name(), who.email());
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentId(parent);
    commit.setAuthor(person);
    commit.setCommitter(person);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }
}
