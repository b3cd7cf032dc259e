package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.PromotionCommit;
import io.driftless.engine.git.PromotionPush;
import io.driftless.engine.git.PromotionRefusedException;
import io.driftless.engine.git.UnknownRefException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/**
 * Promotion commits built against a real Git server: what is copied, deleted and left alone in both
 * layouts, and what is refused.
 */
class PromotionBuilderTest extends PromotionTestBase {
  // ---- environments as directories of one branch

  @Test
  void oneBranchCopiesWhatMatchesDeletesStaleMatchesAndLeavesEverythingElse() throws Exception {
    work.write("README.md", "readme\n")
        .write("envs/staging/VERSION", "2.0\n")
        .write("envs/staging/release/app.yaml", "image: v2\n")
        .writeExecutable("envs/staging/release/run.sh", "#!/bin/sh\necho v2\n")
        .write("envs/staging/values.yaml", "replicas: 1\n")
        .write("envs/prod/VERSION", "1.0\n")
        .write("envs/prod/release/app.yaml", "image: v1\n")
        .write("envs/prod/release/old.yaml", "retired\n")
        .write("envs/prod/values.yaml", "replicas: 5\n")
        .write("envs/prod/notes.txt", "prod only\n");
    work.commit("two environments");
    push("main");
    Map<String, String> before = files("main");
    Revision head = mirror.reader().update(source, "main");

    PromotionCommit commit = promote(head, head, RELEASE).orElseThrow();

    assertThat(commit.onto()).isEqualTo(head);
    assertThat(commit.from()).isEqualTo(head);
    assertThat(commit.copied()).containsExactly("VERSION", "release/app.yaml", "release/run.sh");
    assertThat(commit.deleted()).containsExactly("release/old.yaml");
    assertThat(files("main")).as("nothing pushed yet").isEqualTo(before);

    PromotionPush pushed = promotions.pushPromotion(source, commit, "main");

    assertThat(pushed.outcome()).isEqualTo(PromotionPush.Outcome.PUSHED);
    assertThat(pushed.head()).isEqualTo(commit.revision());
    assertThat(remoteHead("main")).isEqualTo(commit.revision().value());
    Map<String, String> expected = new TreeMap<>(before);
    expected.put("envs/prod/VERSION", "2.0\n");
    expected.put("envs/prod/release/app.yaml", "image: v2\n");
    expected.put("envs/prod/release/run.sh", "+x #!/bin/sh\necho v2\n");
    expected.remove("envs/prod/release/old.yaml");
    assertThat(files("main")).isEqualTo(expected);
    RevCommit pushedCommit = commitOf("main");
    assertThat(pushedCommit.getParent(0).getName()).isEqualTo(head.value());
    assertThat(pushedCommit.getFullMessage())
        .startsWith("Promote staging to prod\n")
        .endsWith("\n\nDriftless-Promotion: " + head.value() + "\n");
    assertThat(pushedCommit.getCommitterIdent().getEmailAddress()).isEqualTo("bot@example.com");

    Revision next = mirror.reader().update(source, "main");
    assertThat(promote(head, next, RELEASE))
        .as("promoting the same revision again changes nothing")
        .isEmpty();
  }

  @Test
  void everythingIsPromotedByDefaultAndNothingWhenNothingWouldChange() throws Exception {
    work.write("envs/staging/a.conf", "a\n")
        .write("envs/staging/sub/b.conf", "b\n")
        .write("envs/prod/a.conf", "a\n")
        .write("envs/prod/sub/b.conf", "b\n");
    Revision head = commitAndFetch("equal");

    assertThat(promote(head, head, PromotionPaths.everything())).isEmpty();

    work.write("envs/staging/a.conf", "a2\n").delete("envs/staging/sub/b.conf");
    work.write("envs/prod/prod-only.conf", "p\n");
    Revision changed = commitAndFetch("staging moves on");

    PromotionCommit commit = promote(changed, changed, PromotionPaths.everything()).orElseThrow();

    assertThat(commit.copied()).containsExactly("a.conf");
    assertThat(commit.deleted()).containsExactly("prod-only.conf", "sub/b.conf");
  }

  // ---- environments on their own branches

  @Test
  void ownBranchesWithTheSamePathCopyOntoTheReceivingBranch() throws Exception {
    work.write("README.md", "main\n").commit("root");
    push("main");
    work.checkoutNewBranch("staging");
    work.write("app/VERSION", "2.0\n")
        .write("app/release/app.yaml", "image: v2\n")
        .write("app/values.yaml", "staging\n");
    Revision staged = work.commit("staging");
    push("staging");
    work.checkout("main");
    work.checkoutNewBranch("prod");
    work.write("app/VERSION", "1.0\n")
        .write("app/release/gone.yaml", "old\n")
        .write("app/values.yaml", "prod\n");
    work.commit("prod");
    push("prod");
    Map<String, String> stagingBefore = files("staging");
    mirror.reader().update(source, "staging");
    Revision prod = mirror.reader().update(source, "prod");

    PromotionCommit commit =
        promotions
            .buildPromotion(source, request(staged, "app", prod, "app", RELEASE))
            .orElseThrow();
    promotions.pushPromotion(source, commit, "refs/heads/prod");

    assertThat(files("prod"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "README.md", "main\n",
                "app/VERSION", "2.0\n",
                "app/release/app.yaml", "image: v2\n",
                "app/values.yaml", "prod\n"));
    assertThat(files("staging")).isEqualTo(stagingBefore);
    assertThat(commitOf("prod").getParent(0).getName()).isEqualTo(prod.value());
  }

  @Test
  void ownBranchesWithDifferentPathsFromTheRootIntoADirectory() throws Exception {
    work.write("VERSION", "3.0\n").write("release/app.yaml", "image: v3\n").write("x.txt", "x\n");
    Revision staged = work.commit("staging at the root");
    push("main", "staging");
    work.checkoutNewBranch("prod");
    work.delete("VERSION").delete("release/app.yaml").delete("x.txt");
    work.write("site/VERSION", "2.0\n").write("site/local.txt", "mine\n").write("top.txt", "t\n");
    work.commit("prod in site/");
    push("prod");
    mirror.reader().update(source, "staging");
    Revision prod = mirror.reader().update(source, "prod");

    PromotionCommit commit =
        promotions.buildPromotion(source, request(staged, "", prod, "site", RELEASE)).orElseThrow();
    promotions.pushPromotion(source, commit, "prod");

    assertThat(files("prod"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "site/VERSION", "3.0\n",
                "site/release/app.yaml", "image: v3\n",
                "site/local.txt", "mine\n",
                "top.txt", "t\n"));
  }

  // ---- refusals

  @Test
  void aMatchingSymlinkIsRefusedByNameAndOneLeftOutIsNot() throws Exception {
    work.write("envs/staging/VERSION", "2\n")
        .symlink("envs/staging/release/current", "../VERSION")
        .symlink("envs/staging/latest", "VERSION")
        .write("envs/prod/VERSION", "1\n");
    Revision head = commitAndFetch("links");

    assertThatThrownBy(() -> promote(head, head, RELEASE))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessageContaining("'envs/staging/release/current'")
        .hasMessageContaining("symbolic link")
        .satisfies(
            e ->
                assertThat(((PromotionRefusedException) e).details())
                    .containsEntry("path", "envs/staging/release/current"));

    PromotionPaths versionOnly = new PromotionPaths(List.of("VERSION"));
    assertThat(promote(head, head, versionOnly).orElseThrow().copied()).containsExactly("VERSION");
  }

  @Test
  void aCopiedFileThatCollidesWithAFileLeftInPlaceIsRefused() throws Exception {
    work.write("envs/staging/release/app.yaml", "v2\n").write("envs/prod/release", "a file\n");
    Revision head = commitAndFetch("collision");

    assertThatThrownBy(() -> promote(head, head, RELEASE))
        .isInstanceOf(PromotionRefusedException.class)
        .hasMessageContaining("envs/prod/release");
  }

  @Test
  void pathsOutsideTheRepositoryAndAMissingFromPathAreRefused() throws Exception {
    work.write("envs/prod/VERSION", "1\n").commit("prod only");
    push("main");
    Revision head = mirror.reader().update(source, "main");

    assertThatThrownBy(() -> request(head, "../envs/staging", head, "envs/prod", RELEASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fromPath");
    assertThatThrownBy(() -> request(head, "envs/staging", head, "envs/../../prod", RELEASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toPath");
    assertThatThrownBy(() -> promote(head, head, RELEASE))
        .isInstanceOf(UnknownRefException.class)
        .hasMessageContaining("'envs/staging' is not a directory");
  }
}
