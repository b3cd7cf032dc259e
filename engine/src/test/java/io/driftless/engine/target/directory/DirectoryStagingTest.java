package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.desired;
import static io.driftless.engine.target.directory.DirectoryFixtures.file;
import static io.driftless.engine.target.directory.DirectoryFixtures.read;
import static io.driftless.engine.target.directory.DirectoryFixtures.symlink;
import static io.driftless.engine.target.directory.DirectoryFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19: staging never shows in the root, and an interrupted apply leaves nothing behind. */
class DirectoryStagingTest {
  @TempDir Path tmp;
  private Path allowed;
  private Path root;

  /** What a kill -9 does to an apply: it stops, and nothing of it cleans up. */
  private static final class Killed extends Error {
    Killed() {
      super("killed");
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    allowed = Files.createDirectory(tmp.resolve("allowed"));
    root = Files.createDirectory(allowed.resolve("site"));
  }

  private DirectoryTarget open(String environment, Seams seams) {
    Environment env =
        new Environment(
            EnvironmentName.of(environment),
            SourceName.of("site"),
            "main",
            "",
            null,
            null,
            TargetSpec.Directory.at(root),
            null,
            null);
    return new DirectoryTargetFactory(
            List.of(allowed), CommandPolicy.off(), Clock.systemUTC(), seams)
        .open(env);
  }

  /** A target whose apply is killed just before its {@code n}th rename. */
  private DirectoryTarget killedBeforeRename(String environment, int n) {
    int[] renames = {0};
    return open(
        environment,
        Seams.DEFAULT.withBeforeRename(
            (temp, destination) -> {
              if (++renames[0] == n) {
                throw new Killed();
              }
            }));
  }

  private static List<Change> creates(Resource... resources) {
    List<Change> changes = new ArrayList<>();
    for (Resource r : resources) {
      changes.add(Change.create(r));
    }
    return changes;
  }

  @Test
  void whileAnApplyIsInFlightItsFilesAreStagedOnlyUnderTheReservedDirectory() {
    List<List<String>> seen = new ArrayList<>();
    DirectoryTarget target =
        open(
            "web",
            Seams.DEFAULT.withBeforeRename(
                (temp, destination) -> {
                  assertThat(root.relativize(temp).toString())
                      .startsWith(".driftless-staging/web/.driftless-tmp-");
                  seen.add(tree(root));
                }));

    target.apply(
        creates(file("conf.d/a.conf", "a\n"), file("conf.d/b.conf", "b\n"), file("x", "x\n")));

    assertThat(seen).hasSize(3);
    for (List<String> during : seen) {
      assertThat(during)
          .filteredOn(p -> !p.startsWith(".driftless-staging/"))
          .noneMatch(p -> p.contains(".driftless-tmp-"));
    }
    assertThat(tree(root)).containsExactly("conf.d/", "conf.d/a.conf", "conf.d/b.conf", "x");
  }

  @Test
  void theNextApplyRemovesWhatAKilledOneLeftAndKeepsUnmanagedFiles() throws IOException {
    Files.writeString(root.resolve("old.conf"), "old\n");
    Files.createDirectories(root.resolve("mine/empty"));
    Files.writeString(root.resolve("notes.txt"), "unmanaged\n");
    DirectoryTarget killed = killedBeforeRename("web", 2);
    Resource oldFile = file("old.conf", "old\n");
    List<Change> changes =
        List.of(
            Change.create(file("deep/one/a.conf", "a\n")),
            Change.update(oldFile, file("old.conf", "new\n"), false, false),
            Change.create(file("other/two/b.conf", "b\n")),
            Change.create(symlink("other/link", "two/b.conf")));

    assertThatThrownBy(() -> killed.apply(changes)).isInstanceOf(Killed.class);
    // The kill left staged files, the journal and the directories it made for files never renamed.
    assertThat(tree(root)).anyMatch(p -> p.startsWith(".driftless-staging/web/.driftless-tmp-"));
    assertThat(tree(root)).contains("other/", "other/two/");

    open("web", Seams.DEFAULT).recover();

    assertThat(tree(root))
        .containsExactly(
            "deep/",
            "deep/one/",
            "deep/one/a.conf",
            "mine/",
            "mine/empty/",
            "notes.txt",
            "old.conf");
    assertThat(read(root.resolve("old.conf"))).isEqualTo("old\n");
  }

  @Test
  void anApplyAfterAKillAlsoRecoversFirstAndLeavesOnlyItsFiles() {
    DirectoryTarget killed = killedBeforeRename("web", 1);
    assertThatThrownBy(() -> killed.apply(creates(file("a/b/c.conf", "c\n"))))
        .isInstanceOf(Killed.class);

    open("web", Seams.DEFAULT).apply(creates(file("d/e.conf", "e\n")));

    assertThat(tree(root)).containsExactly("d/", "d/e.conf");
  }

  @Test
  void environmentsSharingARootNeverTouchEachOthersStaging() {
    DirectoryTarget killedWeb = killedBeforeRename("web", 1);
    assertThatThrownBy(() -> killedWeb.apply(creates(file("web/new/site.conf", "w\n"))))
        .isInstanceOf(Killed.class);
    List<String> webLeftovers =
        tree(root).stream().filter(p -> p.startsWith(".driftless-staging/web/")).toList();
    assertThat(webLeftovers).isNotEmpty();

    DirectoryTarget api = open("api", Seams.DEFAULT);
    api.recover();
    api.apply(creates(file("api/app.conf", "a\n")));

    assertThat(tree(root)).containsAll(webLeftovers).contains("web/new/", "api/app.conf");
    assertThat(tree(root)).noneMatch(p -> p.startsWith(".driftless-staging/api"));

    open("web", Seams.DEFAULT).recover();

    assertThat(tree(root)).containsExactly("api/", "api/app.conf");
  }

  @Test
  void theReservedDirectoryIsNeverAResource() throws IOException {
    Files.createDirectories(root.resolve(".driftless-staging/web"));
    Files.writeString(root.resolve(".driftless-staging/web/x"), "staged\n");
    DirectoryTarget target = open("api", Seams.DEFAULT);

    assertThatThrownBy(() -> target.validate(desired(file(".driftless-staging/web/x", "x"))))
        .isInstanceOfSatisfying(
            UnsafeResourceException.class,
            e -> assertThat(e.key()).isEqualTo(".driftless-staging/web/x"))
        .hasMessageContaining("reserved for staging");
    assertThat(target.read(Set.of(ResourceKey.of(".driftless-staging/web/x"))).resources())
        .isEmpty();
    assertThatThrownBy(
            () ->
                target.apply(List.of(Change.delete(file(".driftless-staging/web/x", "x"), false))))
        .isInstanceOf(ApplyException.class);
    assertThat(read(root.resolve(".driftless-staging/web/x"))).isEqualTo("staged\n");
  }

  @Test
  void somethingElseInTheReservedPlaceStopsTheApplyBeforeAnyWrite() throws IOException {
    Files.writeString(root.resolve(".driftless-staging"), "not a directory\n");

    assertThatThrownBy(() -> open("web", Seams.DEFAULT).apply(creates(file("a.conf", "a\n"))))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining(".driftless-staging")
        .hasMessageContaining("remove it by hand");
    assertThat(tree(root)).containsExactly(".driftless-staging");
  }

  @Test
  void recoveryNeverRemovesADirectoryReachedThroughASymlink() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside/empty"));
    Files.createSymbolicLink(root.resolve("out"), outside.getParent());
    Path staging = Files.createDirectories(root.resolve(".driftless-staging/web"));
    Files.write(
        staging.resolve(StagingLayout.JOURNAL),
        StagingLayout.journal(List.of(List.of("out", "empty"), List.of("out"))));

    open("web", Seams.DEFAULT).recover();

    assertThat(outside).isDirectory();
    assertThat(tree(root)).containsExactly("out");
  }
}
