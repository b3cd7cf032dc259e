package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.UnknownRefException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GitReader#changedPaths} on JGit: what a pull request changes, as its host shows it. */
class ChangedPathsTest extends MirroredRepoTestBase {
  private Revision first;

  @BeforeEach
  void commitFirst() {
    remote.write("envs/staging/old.conf", "x=1\n");
    first = remote.commit(TWO_ENVIRONMENTS, "first");
  }

  @Test
  void addedModifiedDeletedAndRenamedFilesOfTheBranch() {
    remote.checkoutNewBranch("feature");
    remote.write("envs/staging/app.conf", "port=9090\n");
    remote.write("envs/staging/new.conf", "y=2\n");
    remote.delete("envs/staging/old.conf");
    remote.commit("change staging");
    remote.write("docs/moved.md", "hello\n");
    remote.delete("README.md");
    Revision head = remote.commit("move the readme");

    Revision base = git.update(source, "main");
    git.update(source, "feature");

    assertThat(git.changedPaths(source, base, head))
        .containsExactly(
            "README.md",
            "docs/moved.md",
            "envs/staging/app.conf",
            "envs/staging/new.conf",
            "envs/staging/old.conf");
  }

  @Test
  void commitsOnTheBaseBranchAfterTheBranchStartedDoNotCount() {
    remote.checkoutNewBranch("feature");
    Revision head = remote.commit(Map.of("envs/staging/app.conf", "port=1\n"), "staging");
    remote.checkout("main");
    Revision base = remote.commit(Map.of("envs/prod/app.conf", "port=81\n"), "prod moved on");

    git.update(source, "main");
    git.update(source, "feature");

    assertThat(git.changedPaths(source, base, head)).containsExactly("envs/staging/app.conf");
    assertThat(git.changedPaths(source, first, head)).containsExactly("envs/staging/app.conf");
  }

  @Test
  void aHeadOnlyReachableThroughAPullRefIsComparedOnceFetched() {
    remote.checkoutNewBranch("fork");
    Revision head = remote.commit(Map.of("envs/prod/app.conf", "port=443\n"), "from a fork");
    remote.checkout("main");
    remote.updateRef("refs/pull/3/head", head);
    remote.deleteRef("refs/heads/fork");

    Revision base = git.update(source, "main");
    assertThatThrownBy(() -> git.changedPaths(source, base, head))
        .isInstanceOf(UnknownRefException.class);

    assertThat(git.update(source, "refs/pull/3/head")).isEqualTo(head);
    assertThat(git.changedPaths(source, base, head)).containsExactly("envs/prod/app.conf");
  }

  @Test
  void theSameCommitChangesNothing() {
    git.update(source, "main");
    assertThat(git.changedPaths(source, first, first)).isEmpty();
  }
}
