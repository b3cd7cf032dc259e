package io.driftless.engine.git.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.git.UnknownRefException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a commit changed under a path, read as a tree diff: the incremental run's input. */
class PathChangesTest extends MirroredRepoTestBase {
  private Revision first;

  @BeforeEach
  void commitFirst() {
    first = remote.commit(TWO_ENVIRONMENTS, "first");
  }

  @Test
  void listsTheFilesAddedChangedAndRemovedUnderThePathRelativeToIt() {
    Map<String, String> files = new HashMap<>();
    files.put("envs/prod/app.conf", "port=81\n");
    files.put("envs/prod/new/one.conf", "one\n");
    files.put("envs/prod/nested/extra.conf", null);
    files.put("envs/staging/app.conf", "port=8081\n");
    files.put("README.md", "changed\n");
    remote.writeExecutable("envs/prod/hook.sh", "#!/bin/sh\n");
    Revision second = remote.commit(files, "second");
    git.update(source, "main");

    PathChanges changes = git.changes(source, first, second, "envs/prod");

    assertThat(changes.revision()).isEqualTo(second);
    assertThat(changes.path()).isEqualTo("envs/prod");
    assertThat(changes.changed())
        .extracting(PathTree.Entry::path, PathTree.Entry::kind)
        .containsExactly(
            tuple("app.conf", ResourceKind.FILE),
            tuple("hook.sh", ResourceKind.EXECUTABLE),
            tuple("new/one.conf", ResourceKind.FILE));
    assertThat(changes.changed().get(0).blob())
        .isEqualTo(ContentHash.ofBytes("port=81\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(changes.removed()).containsExactly("nested/extra.conf");
    assertThat(changes.baseTreeId()).isEqualTo(git.treeId(source, first, "envs/prod"));
    assertThat(changes.treeId()).isEqualTo(git.treeId(source, second, "/envs/prod/"));
  }

  @Test
  void aModeChangeIsAChangeAndAFileThatBecameADirectoryIsRemovedAndAdded() {
    remote.writeExecutable("envs/prod/app.conf", "port=80\n");
    remote.delete("envs/prod/nested/extra.conf").delete("envs/prod/nested");
    remote.write("envs/prod/nested", "now a file\n");
    Revision second = remote.commit("mode and kind");
    git.update(source, "main");

    PathChanges changes = git.changes(source, first, second, "envs/prod");

    assertThat(changes.changed())
        .extracting(PathTree.Entry::path, PathTree.Entry::kind)
        .containsExactly(
            tuple("app.conf", ResourceKind.EXECUTABLE), tuple("nested", ResourceKind.FILE));
    assertThat(changes.removed()).containsExactly("nested/extra.conf");
  }

  @Test
  void aCommitOutsideThePathChangesNothingInIt() {
    Revision second = remote.commit(Map.of("envs/staging/app.conf", "port=1\n"), "staging");
    git.update(source, "main");

    PathChanges changes = git.changes(source, first, second, "envs/prod");

    assertThat(changes.isEmpty()).isTrue();
    assertThat(changes.treeId()).isEqualTo(changes.baseTreeId());
    assertThat(git.changes(source, first, second, "").changed())
        .extracting(PathTree.Entry::path)
        .containsExactly("envs/staging/app.conf");
  }

  @Test
  void aPathMissingAtEitherRevisionIsAnUnknownRef() {
    Revision second = remote.commit(Map.of("envs/dev/app.conf", "port=2\n"), "dev");
    git.update(source, "main");

    assertThatThrownBy(() -> git.changes(source, first, second, "envs/dev"))
        .isInstanceOf(UnknownRefException.class);
    assertThatThrownBy(() -> git.changes(source, second, first, "envs/dev"))
        .isInstanceOf(UnknownRefException.class);
  }

  @Test
  void aFileIsFoundWithoutListingItsDirectory() {
    remote.symlink("envs/prod/current", "app.conf");
    Revision second = remote.commit("link");
    git.update(source, "main");

    assertThat(git.file(source, second, "envs/prod/app.conf"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ResourceKind.FILE);
              assertThat(git.readBlob(source, e.blob())).asString().isEqualTo("port=80\n");
            });
    assertThat(git.file(source, second, "envs/prod/current"))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ResourceKind.SYMLINK));
    assertThat(git.file(source, second, "envs/prod/nested")).isEmpty();
    assertThat(git.file(source, second, "envs/prod/missing.conf")).isEmpty();
  }
}
