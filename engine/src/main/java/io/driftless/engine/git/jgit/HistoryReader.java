package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.Commit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits and their relations, read from the source's clone: a commit's metadata and signed bytes,
 * what a pull request changes, and which revisions a branch or another revision still reaches.
 */
final class HistoryReader {
  private final SourceClones clones;

  HistoryReader(SourceClones clones) {
    this.clones = clones;
  }

  /** See {@link io.driftless.engine.git.GitReader#commit}. */
  Commit commit(Source source, Revision revision) {
    try (RevWalk walk = new RevWalk(clones.repository(source))) {
      RevCommit commit = SourceClones.commit(source, walk, revision);
      PersonIdent author = commit.getAuthorIdent();
      byte[] raw = commit.getRawBuffer();
      byte[] signature = commit.getRawGpgSignature();
      return new Commit(
          revision,
          commit.getFullMessage(),
          author.getName(),
          author.getEmailAddress(),
          author.getWhenAsInstant(),
          signature,
          signature == null ? raw.clone() : withoutSignature(raw));
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#changedPaths}. */
  SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    Repository repo = clones.repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit to = SourceClones.commit(source, walk, head);
      RevCommit from = SourceClones.commit(source, walk, base);
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(to);
      walk.markStart(from);
      RevCommit mergeBase = walk.next();
      // No common history (an unrelated branch): everything that differs from base counts.
      RevCommit start = mergeBase == null ? from : mergeBase;
      SortedSet<String> paths = new TreeSet<>();
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.setRecursive(true);
        tree.addTree(walk.parseTree(start.getTree().getId()));
        tree.addTree(walk.parseTree(to.getTree().getId()));
        for (DiffEntry entry : DiffEntry.scan(tree)) {
          if (entry.getChangeType() != DiffEntry.ChangeType.ADD) {
            paths.add(entry.getOldPath());
          }
          if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
            paths.add(entry.getNewPath());
          }
        }
      }
      return paths;
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#isReachable}. */
  boolean isReachable(Source source, Revision revision) {
    Repository repo = clones.repository(source);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.value()));
      List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix(RefNames.HEADS));
      refs.addAll(repo.getRefDatabase().getRefsByPrefix(RefNames.TAGS));
      for (Ref ref : refs) {
        Ref peeled = repo.getRefDatabase().peel(ref);
        ObjectId tip =
            peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
        RevCommit tipCommit;
        try {
          tipCommit = walk.parseCommit(tip);
        } catch (IncorrectObjectTypeException e) {
          continue; // a tag of a tree or blob
        }
        if (walk.isMergedInto(commit, tipCommit)) {
          return true;
        }
      }
      return false;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** See {@link io.driftless.engine.git.GitReader#isAncestor}. */
  boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    try (RevWalk walk = new RevWalk(clones.repository(source))) {
      RevCommit base = walk.parseCommit(ObjectId.fromString(ancestor.value()));
      RevCommit tip = walk.parseCommit(ObjectId.fromString(revision.value()));
      return walk.isMergedInto(base, tip);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /**
   * The bytes a commit signature covers: the raw commit with its {@code gpgsig} header (the first
   * line and its space-indented continuation lines) removed, as {@code git verify-commit} does.
   */
  static byte[] withoutSignature(byte[] raw) {
    byte[] header = "gpgsig ".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    boolean skipping = false;
    int pos = 0;
    while (pos < raw.length) {
      int end = pos;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int next = Math.min(end + 1, raw.length);
      if (end == pos) {
        // The blank line ends the headers; the message is kept as it is.
        out.write(raw, pos, raw.length - pos);
        break;
      }
      if (skipping && raw[pos] == ' ') {
        pos = next;
        continue;
      }
      skipping = startsWith(raw, pos, header);
      if (!skipping) {
        out.write(raw, pos, next - pos);
      }
      pos = next;
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
    if (raw.length - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (raw[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
