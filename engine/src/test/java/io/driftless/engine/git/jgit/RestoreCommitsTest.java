package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.CommitIdentity;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.GitWriter;
import io.driftless.engine.git.PushRefusedException;
import io.driftless.engine.git.RestoreRequest;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore commits: only the environment's path changes, pushed as a fast-forward. */
class RestoreCommitsTest {
  @TempDir Path tmp;

  private TestGitRepo work;
  private Git bare;
  private JGitMirror mirror;
  private GitReader git;
  private GitWriter writer;
  private Source source;
  private Revision first;

  @BeforeEach
  void setUp() throws Exception {
    work = TestGitRepo.create(tmp.resolve("work"));
    first = work.commit(MirroredRepoTestBase.TWO_ENVIRONMENTS, "first");
    work.delete("envs/prod/nested/extra.conf");
    work.commit(
        Map.of("envs/prod/app.conf", "port=81\n", "envs/prod/new.conf", "new\n"), "prod two");
    work.commit(Map.of("envs/staging/app.conf", "port=9090\n"), "staging two");
    bare =
        Git.cloneRepository()
            .setURI(work.url())
            .setDirectory(tmp.resolve("remote.git").toFile())
            .setBare(true)
            .call();
    mirror = new JGitMirror(tmp.resolve("mirror"), Duration.ofSeconds(10));
    git = mirror.reader();
    writer = mirror.writer();
    source = Source.of(SourceName.of("configs"), tmp.resolve("remote.git").toUri().toString());
  }

  @AfterEach
  void tearDown() {
    mirror.close();
    bare.close();
    work.close();
  }

  @Test
  void commitsARestoreOfOnlyThePathOnTopOfTheBranch() throws Exception {
    Revision head = git.update(source, "main");

    Revision restore =
        writer.restorePath(
            source,
            new RestoreRequest(
                "main",
                "envs/prod",
                first,
                new CommitIdentity("Driftless Bot", "bot@example.com"),
                "Restore envs/prod"));

    Repository remote = bare.getRepository();
    assertThat(remote.resolve("refs/heads/main").name()).isEqualTo(restore.value());
    try (RevWalk walk = new RevWalk(remote)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(restore.value()));
      assertThat(commit.getParent(0).name()).isEqualTo(head.value());
      assertThat(commit.getAuthorIdent().getName()).isEqualTo("Driftless Bot");
      assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("bot@example.com");
      assertThat(commit.getFullMessage()).isEqualTo("Restore envs/prod");
      List<String> changed = new ArrayList<>();
      try (TreeWalk diff = new TreeWalk(remote)) {
        diff.addTree(walk.parseCommit(commit.getParent(0)).getTree());
        diff.addTree(commit.getTree());
        diff.setRecursive(true);
        for (DiffEntry e : DiffEntry.scan(diff)) {
          changed.add(e.getChangeType() + " " + e.getOldPath() + " " + e.getNewPath());
        }
      }
      assertThat(changed)
          .containsExactlyInAnyOrder(
              "MODIFY envs/prod/app.conf envs/prod/app.conf",
              "ADD /dev/null envs/prod/nested/extra.conf",
              "DELETE envs/prod/new.conf /dev/null");
    }
    Revision pulled = git.update(source, "main");
    assertThat(pulled).isEqualTo(restore);
    assertThat(new String(readFile(pulled, "envs/staging/app.conf"))).isEqualTo("port=9090\n");
    assertThat(new String(readFile(pulled, "envs/prod/app.conf"))).isEqualTo("port=80\n");
    assertThat(git.isAncestor(source, restore, pulled)).isTrue();
    assertThat(git.isAncestor(source, restore, head)).isFalse();
  }

  @Test
  void aPathThatAlreadyHasTheContentNeedsNoCommit() {
    Revision head = git.update(source, "main");
    Revision restore = restore("main", "envs/prod", head, "noop");

    assertThat(restore).isEqualTo(head);
    assertThat(git.update(source, "main")).isEqualTo(head);
  }

  @Test
  void aPathThePinnedRevisionDidNotHaveIsRemovedAndNothingElse() throws Exception {
    Revision head = git.update(source, "main");

    Revision restore = restore("refs/heads/main", "envs/canary", first, "restore");

    assertThat(restore).as("envs/canary exists nowhere: nothing to restore").isEqualTo(head);
    work.commit(Map.of("envs/canary/app.conf", "port=1\n"), "canary");
    work.git()
        .push()
        .setRemote(tmp.resolve("remote.git").toUri().toString())
        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
        .call();
    Revision withCanary = git.update(source, "main");

    Revision removed = restore("refs/heads/main", "/envs/canary/", first, "restore");

    assertThat(removed).isNotEqualTo(withCanary);
    assertThat(git.update(source, "main")).isEqualTo(removed);
    assertThat(git.changedPaths(source, withCanary, removed))
        .containsExactly("envs/canary/app.conf");
  }

  @Test
  void onlyABranchTakesARestoreCommit() throws Exception {
    bare.tag().setName("v1").setObjectId(parse(first)).call();

    assertThatThrownBy(() -> restore("v1", "envs/prod", first, "restore"))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("no branch 'v1'");
  }

  private RevCommit parse(Revision revision) throws Exception {
    try (RevWalk walk = new RevWalk(bare.getRepository())) {
      return walk.parseCommit(ObjectId.fromString(revision.value()));
    }
  }

  private byte[] readFile(Revision revision, String path) {
    var tree = git.readPath(source, revision, path.substring(0, path.lastIndexOf('/')));
    String name = path.substring(path.lastIndexOf('/') + 1);
    return tree.entries().stream()
        .filter(e -> e.path().equals(name))
        .findFirst()
        .map(e -> git.readBlob(source, e.blob()))
        .orElseThrow();
  }

  /** Restores {@code path} on {@code ref} to {@code to}, committed by the default identity. */
  private Revision restore(String ref, String path, Revision to, String message) {
    return writer.restorePath(
        source, new RestoreRequest(ref, path, to, CommitIdentity.defaults(), message));
  }
}
