package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionPush;
import io.driftless.engine.git.PushRefusedException;
import io.driftless.engine.testing.GitDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Promotion commits pushed to a real Git server: to the environment's own branch, and to the
 * promotion branch of a pull request, moved, kept or found diverged.
 */
class PromotionPushesTest extends PromotionTestBase {
  // ---- pushing to the environment's own branch

  @Test
  void aPushRefusedByAPreReceiveHookIsATypedErrorWithTheHostsReason() throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit commit = promote(head, head, RELEASE).orElseThrow();
    daemon.refusePushes("configs.git", "GL-HOOK-ERR: branch main is protected");

    assertThatThrownBy(() -> promotions.pushPromotion(source, commit, "main"))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("refused the promotion commit on branch 'main'")
        .hasMessageContaining("branch main is protected")
        .satisfies(
            e -> assertThat(((PushRefusedException) e).code()).isEqualTo("git.push_refused"));
    assertThat(remoteHead("main")).isEqualTo(head.value());
  }

  @Test
  void aBranchThatMovedSinceTheCommitWasBuiltIsNotOverwritten() throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit commit = promote(head, head, RELEASE).orElseThrow();
    work.write("other.txt", "someone else\n");
    Revision moved = work.commit("pushed meanwhile");
    push("main");

    assertThatThrownBy(() -> promotions.pushPromotion(source, commit, "main"))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("moved meanwhile");
    assertThat(remoteHead("main")).isEqualTo(moved.value());
  }

  // ---- the promotion branch of a pull request

  @Test
  void thePromotionBranchIsCreatedThenMovedByANewerPromotionAndKeptForTheSameOne()
      throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit first = promote(head, head, RELEASE).orElseThrow();

    PromotionPush created = promotions.pushPromotionBranch(source, first, PROMOTE);

    assertThat(created.outcome()).isEqualTo(PromotionPush.Outcome.PUSHED);
    assertThat(created.branch()).isEqualTo("driftless/promote/prod");
    assertThat(remoteHead(PROMOTE)).isEqualTo(first.revision().value());
    assertThat(remoteHead("main")).isEqualTo(head.value());

    PromotionCommit rebuilt = promote(head, head, RELEASE).orElseThrow();
    PromotionPush again = promotions.pushPromotionBranch(source, rebuilt, PROMOTE);
    assertThat(again.outcome()).isEqualTo(PromotionPush.Outcome.UP_TO_DATE);
    assertThat(remoteHead(PROMOTE)).isEqualTo(first.revision().value());

    PromotionCommit second = stagingMovesToThree();
    PromotionPush moved = promotions.pushPromotionBranch(source, second, PROMOTE);

    assertThat(moved.outcome()).isEqualTo(PromotionPush.Outcome.PUSHED);
    assertThat(remoteHead(PROMOTE)).isEqualTo(second.revision().value());
    assertThat(commitOf(PROMOTE).getParent(0).getName()).isEqualTo(second.onto().value());
    assertThat(files(PROMOTE)).containsEntry("envs/prod/VERSION", "3.0\n");
  }

  @Test
  void aReviewersCommitOnThePromotionBranchMakesItDivergedAndIsNotOverwritten() throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit first = promote(head, head, RELEASE).orElseThrow();
    promotions.pushPromotionBranch(source, first, PROMOTE);
    Path reviewer = tmp.resolve("reviewer");
    GitDaemon.git(tmp, "clone", "--quiet", "--branch", PROMOTE, bare.toString(), "reviewer");
    Files.writeString(reviewer.resolve("envs/prod/VERSION"), "2.0-hotfix\n");
    // The reviewer even borrows Driftless's name: without the trailer it is still not Driftless's.
    GitDaemon.git(
        reviewer,
        "-c",
        "user.name=Driftless",
        "-c",
        "user.email=bot@example.com",
        "commit",
        "--quiet",
        "-am",
        "hotfix the version");
    GitDaemon.git(reviewer, "push", "--quiet", "origin", PROMOTE);
    String theirs = remoteHead(PROMOTE);

    PromotionCommit second = stagingMovesToThree();
    PromotionPush push = promotions.pushPromotionBranch(source, second, PROMOTE);

    assertThat(push.outcome()).isEqualTo(PromotionPush.Outcome.DIVERGED);
    assertThat(push.head().value()).isEqualTo(theirs);
    assertThat(push.foreign()).containsExactly(Revision.of(theirs));
    assertThat(remoteHead(PROMOTE)).isEqualTo(theirs);
  }

  @Test
  void afterASquashMergeTheNextPromotionMovesTheBranchAgain() throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit first = promote(head, head, RELEASE).orElseThrow();
    promotions.pushPromotionBranch(source, first, PROMOTE);
    // The host squash-merges the pull request: main gets one new commit with the same content.
    GitDaemon.git(work.dir(), "fetch", "--quiet", bare.toString(), PROMOTE);
    GitDaemon.git(work.dir(), "merge", "--quiet", "--squash", "FETCH_HEAD");
    GitDaemon.git(
        work.dir(),
        "-c",
        "user.name=Host",
        "-c",
        "user.email=host@example.com",
        "commit",
        "--quiet",
        "-m",
        "Promote staging to prod (#7)");
    push("main");
    assertThat(files("main")).containsEntry("envs/prod/VERSION", "2.0\n");

    PromotionCommit second = stagingMovesToThree();

    assertThat(second.copied()).containsExactly("VERSION");
    assertThat(second.deleted()).isEmpty();
    PromotionPush push = promotions.pushPromotionBranch(source, second, PROMOTE);
    assertThat(push.outcome()).isEqualTo(PromotionPush.Outcome.PUSHED);
    assertThat(remoteHead(PROMOTE)).isEqualTo(second.revision().value());
    assertThat(commitOf(PROMOTE).getParent(0).getName()).isEqualTo(second.onto().value());
  }

  @Test
  void aRefusedPromotionBranchPushIsATypedError() throws Exception {
    Revision head = twoEnvironments();
    PromotionCommit commit = promote(head, head, RELEASE).orElseThrow();
    daemon.refusePushes("configs.git", "branches under driftless/ need approval");

    assertThatThrownBy(() -> promotions.pushPromotionBranch(source, commit, PROMOTE))
        .isInstanceOf(PushRefusedException.class)
        .hasMessageContaining("need approval");
    assertThat(remoteHead(PROMOTE)).isNull();
  }

  /** staging moves to 3.0 on main; returns its release promoted onto main's new head. */
  private PromotionCommit stagingMovesToThree() {
    work.write("envs/staging/VERSION", "3.0\n");
    Revision head = commitAndFetch("staging 3.0");
    return promote(head, head, RELEASE).orElseThrow();
  }
}
