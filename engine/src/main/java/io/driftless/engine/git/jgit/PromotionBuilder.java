package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionRefusedException;
import io.driftless.engine.git.PromotionRequest;
import io.driftless.engine.git.UnknownRefException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A promotion commit, built in the source's clone: the receiving branch head's tree with the
 * promoted files of the promoting path copied under the receiving path, and the stale ones deleted.
 * Nothing is pushed here ({@link PromotionPushes} does).
 */
final class PromotionBuilder {
  private final SourceClones clones;

  PromotionBuilder(SourceClones clones) {
    this.clones = clones;
  }

  /** See {@link io.driftless.engine.git.GitWriter#buildPromotion}. */
  Optional<PromotionCommit> build(Source source, PromotionRequest request) {
    Repository repo = clones.repository(source);
    Predicate<String> promoted = request.paths().matcher();
    String prefix = request.toPath().isEmpty() ? "" : request.toPath() + "/";
    try (RevWalk walk = new RevWalk(repo);
        ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectReader reader = walk.getObjectReader();
      RevCommit from = SourceClones.commit(source, walk, request.from());
      RevCommit onto = SourceClones.commit(source, walk, request.onto());
      SortedMap<String, TreeCommits.File> wanted =
          promotedFiles(source, reader, from, request, promoted);

      SortedMap<String, TreeCommits.File> result = new TreeMap<>();
      SortedMap<String, TreeCommits.File> replaced = new TreeMap<>();
      TreeCommits.files(reader, onto.getTree())
          .forEach(
              (path, file) -> {
                if (path.startsWith(prefix) && promoted.test(path.substring(prefix.length()))) {
                  replaced.put(path.substring(prefix.length()), file);
                } else {
                  result.put(path, file);
                }
              });
      wanted.forEach((relative, file) -> result.put(prefix + relative, file));
      refuseCollisions(result, request);
      ObjectId tree = TreeCommits.writeTree(inserter, result);
      if (tree.equals(onto.getTree())) {
        return Optional.empty();
      }
      List<String> copied = new ArrayList<>();
      wanted.forEach(
          (relative, file) -> {
            if (!file.equals(replaced.get(relative))) {
              copied.add(relative);
            }
          });
      List<String> deleted =
          replaced.keySet().stream().filter(relative -> !wanted.containsKey(relative)).toList();
      ObjectId id =
          TreeCommits.writeCommit(inserter, tree, onto, request.author(), request.commitMessage());
      return Optional.of(
          new PromotionCommit(
              Revision.of(id.name()), request.onto(), request.from(), copied, deleted));
    } catch (IOException e) {
      throw SourceClones.localFailure(source, e);
    }
  }

  /** The files of the promoting path that the promotion carries, relative to that path. */
  private static SortedMap<String, TreeCommits.File> promotedFiles(
      Source source,
      ObjectReader reader,
      RevCommit from,
      PromotionRequest request,
      Predicate<String> promoted)
      throws IOException {
    ObjectId root = from.getTree();
    if (!request.fromPath().isEmpty()) {
      try (TreeWalk at = TreeWalk.forPath(reader, request.fromPath(), from.getTree())) {
        if (at == null || !FileMode.TREE.equals(at.getRawMode(0))) {
          throw new UnknownRefException(
              source.name().value(),
              request.from().value(),
              "path '%s' is not a directory at revision %s of source '%s'"
                  .formatted(request.fromPath(), request.from().value(), source.name()));
        }
        root = at.getObjectId(0);
      }
    }
    SortedMap<String, TreeCommits.File> files = TreeCommits.files(reader, root);
    files.keySet().removeIf(relative -> !promoted.test(relative));
    for (var entry : files.entrySet()) {
      FileMode mode = entry.getValue().mode();
      if (FileMode.SYMLINK.equals(mode) || FileMode.GITLINK.equals(mode)) {
        String what = FileMode.SYMLINK.equals(mode) ? "a symbolic link" : "a submodule";
        String path = join(request.fromPath(), entry.getKey());
        throw new PromotionRefusedException(
            path,
            "cannot promote '%s': it is %s at %s; promotions copy regular files only (leave it out of the promotion's paths)"
                .formatted(path, what, request.from().shortId()));
      }
    }
    return files;
  }

  /**
   * A copied file where a file left in place is a directory, or the other way round ({@code
   * release} and {@code release/app.yaml}), would make a tree Git calls corrupt.
   */
  private static void refuseCollisions(
      SortedMap<String, TreeCommits.File> files, PromotionRequest request) {
    for (String path : files.keySet()) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String parent = path.substring(0, slash);
        if (files.containsKey(parent)) {
          throw new PromotionRefusedException(
              parent,
              "promotion into '%s': '%s' is a file and '%s' needs it to be a directory; add the"
                      .formatted(request.toPath(), parent, path)
                  + " one left in place to the promotion's paths, or remove it");
        }
      }
    }
  }

  private static String join(String dir, String relative) {
    return dir.isEmpty() ? relative : dir + "/" + relative;
  }
}
