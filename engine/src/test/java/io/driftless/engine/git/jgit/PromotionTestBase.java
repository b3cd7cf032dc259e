package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionRequest;
import io.driftless.engine.testing.GitDaemon;
import io.driftless.engine.testing.TestGitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Git server ({@code git daemon}) serving one bare repository, a work repository that pushes
 * to it, and the source's clone: the fixture of the promotion tests.
 */
abstract class PromotionTestBase {
  static final CommitIdentity DRIFTLESS = new CommitIdentity("Driftless", "bot@example.com");
  static final PromotionPaths RELEASE = new PromotionPaths(List.of("VERSION", "release/**"));
  static final String PROMOTE = GitWriter.promotionBranch(EnvironmentName.of("prod"));

  @TempDir Path tmp;

  GitDaemon daemon;
  Path bare;
  TestGitRepo work;
  JGitMirror mirror;
  Source source;
  GitWriter promotions;

  @BeforeEach
  void setUp() {
    daemon = GitDaemon.serve(tmp.resolve("served"));
    bare = daemon.createBare("configs.git", "main");
    work = TestGitRepo.create(tmp.resolve("work"));
    mirror = new JGitMirror(tmp.resolve("mirror"), Duration.ofSeconds(20));
    source = Source.of(SourceName.of("configs"), daemon.url("configs.git"));
    promotions = mirror.writer();
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    work.close();
    daemon.close();
  }

  // ---- fixtures

  /** staging at 2.0 and prod at 1.0 on main, pushed and fetched; returns main's head. */
  Revision twoEnvironments() throws Exception {
    work.write("envs/staging/VERSION", "2.0\n")
        .write("envs/staging/release/app.yaml", "image: v2\n")
        .write("envs/prod/VERSION", "1.0\n")
        .write("envs/prod/values.yaml", "replicas: 5\n");
    return commitAndFetch("two environments");
  }

  static PromotionRequest request(
      Revision from, String fromPath, Revision onto, String toPath, PromotionPaths paths) {
    return new PromotionRequest(
        from, fromPath, onto, toPath, paths, DRIFTLESS, "Promote staging to prod");
  }

  /** Commits the work tree on main, pushes it and fetches it; returns main's head. */
  Revision commitAndFetch(String message) {
    work.commit(message);
    push("main");
    return mirror.reader().update(source, "main");
  }

  /** {@code paths} of envs/staging at {@code from} promoted onto envs/prod at {@code onto}. */
  Optional<PromotionCommit> promote(Revision from, Revision onto, PromotionPaths paths) {
    return promotions.buildPromotion(
        source, request(from, "envs/staging", onto, "envs/prod", paths));
  }

  /** Pushes the work repository's {@code branch} to the served bare repository. */
  void push(String branch) {
    push(branch, branch);
  }

  void push(String local, String remote) {
    GitDaemon.git(
        work.dir(), "push", "--quiet", "--force", bare.toString(), local + ":refs/heads/" + remote);
  }

  Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build();
  }

  String remoteHead(String branch) throws IOException {
    try (Repository repo = open()) {
      ObjectId id = repo.resolve("refs/heads/" + branch);
      return id == null ? null : id.name();
    }
  }

  RevCommit commitOf(String branch) throws IOException {
    try (Repository repo = open();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(repo.resolve("refs/heads/" + branch));
      walk.parseBody(commit);
      return commit;
    }
  }

  /** The served branch's files: path to content, {@code "+x "} before an executable's. */
  Map<String, String> files(String branch) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Repository repo = open();
        RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(repo.resolve("refs/heads/" + branch)).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String content =
            new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        String prefix =
            FileMode.EXECUTABLE_FILE.equals(tree.getRawMode(0))
                ? "+x "
                : FileMode.SYMLINK.equals(tree.getRawMode(0)) ? "-> " : "";
        files.put(tree.getPathString(), prefix + content);
      }
    }
    return files;
  }
}
