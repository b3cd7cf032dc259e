package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.desired;
import static io.driftless.engine.target.directory.DirectoryFixtures.environment;
import static io.driftless.engine.target.directory.DirectoryFixtures.executable;
import static io.driftless.engine.target.directory.DirectoryFixtures.file;
import static io.driftless.engine.target.directory.DirectoryFixtures.keys;
import static io.driftless.engine.target.directory.DirectoryFixtures.plan;
import static io.driftless.engine.target.directory.DirectoryFixtures.read;
import static io.driftless.engine.target.directory.DirectoryFixtures.symlink;
import static io.driftless.engine.target.directory.DirectoryFixtures.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetTest {
  @TempDir Path tmp;
  private Path allowed;
  private Path root;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    allowed = Files.createDirectory(tmp.resolve("allowed"));
    outside = Files.createDirectory(tmp.resolve("outside"));
    root = allowed.resolve("site");
  }

  private DirectoryTarget open(Seams seams) {
    return new DirectoryTargetFactory(
            List.of(allowed), CommandPolicy.off(), Clock.systemUTC(), seams)
        .open(environment(TargetSpec.Directory.at(root)));
  }

  private DirectoryTarget open() {
    return open(Seams.DEFAULT);
  }

  /** Reads, plans and applies as the reconciler would; returns the changes applied. */
  private List<Change> sync(DirectoryTarget target, DesiredState desired, Set<ResourceKey> inv) {
    target.validate(desired);
    List<Change> changes = plan(desired, target.read(keys(desired, inv)), inv);
    target.apply(changes);
    return changes;
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void createsUpdatesAndDeletesFilesWithTheirModes() throws IOException {
    DirectoryTarget target = open();
    DesiredState first =
        desired(
            file("index.html", "<h1>hello</h1>\n"),
            executable("bin/reload.sh", "#!/bin/sh\necho reload\n"),
            symlink("current", "index.html"),
            file("conf/d/site.conf", "listen 80;\n"));

    List<Change> created = sync(target, first, Set.of());

    assertThat(created)
        .extracting(Change::action)
        .containsOnly(io.driftless.engine.domain.ChangeAction.CREATE);
    assertThat(read(root.resolve("index.html"))).isEqualTo("<h1>hello</h1>\n");
    assertThat(mode(root.resolve("index.html"))).isEqualTo("rw-r--r--");
    assertThat(mode(root.resolve("bin/reload.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("index.html"));
    assertThat(read(root.resolve("conf/d/site.conf"))).isEqualTo("listen 80;\n");

    LiveState live = target.read(first.resources().keySet());
    assertThat(live.resources().values())
        .allSatisfy(r -> assertThat(r.sameAs(first.get(r.key()))).isTrue());
    assertThat(live.get(ResourceKey.of("bin/reload.sh")).kind()).isEqualTo(ResourceKind.EXECUTABLE);
    assertThat(live.get(ResourceKey.of("index.html")).content().bytes())
        .isEqualTo("<h1>hello</h1>\n".getBytes(UTF_8));

    // Update content, turn the script into a plain file, point the link elsewhere, prune conf.
    DesiredState second =
        desired(
            file("index.html", "<h1>bye</h1>\n"),
            file("bin/reload.sh", "#!/bin/sh\necho reload\n"),
            symlink("current", "bin/reload.sh"));
    List<Change> changes = sync(target, second, first.resources().keySet());

    assertThat(changes)
        .extracting(c -> c.action() + " " + c.key())
        .containsExactlyInAnyOrder(
            "UPDATE index.html",
            "UPDATE bin/reload.sh",
            "UPDATE current",
            "DELETE conf/d/site.conf");
    assertThat(read(root.resolve("index.html"))).isEqualTo("<h1>bye</h1>\n");
    assertThat(mode(root.resolve("bin/reload.sh"))).isEqualTo("rw-r--r--");
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("bin/reload.sh"));
    // The emptied directories went with the file; the root stays.
    assertThat(tree(root)).containsExactly("bin/", "bin/reload.sh", "current", "index.html");
  }

  @Test
  void aSecondSyncOfTheSameStateWritesNothing() throws IOException {
    DirectoryTarget target = open();
    DesiredState state =
        desired(file("a.txt", "a\n"), executable("b/run", "run\n"), symlink("c", "a.txt"));
    sync(target, state, Set.of());
    Map<String, FileTime> before = mtimes();

    List<Change> again = sync(open(), state, state.resources().keySet());

    assertThat(again).isEmpty();
    assertThat(mtimes()).isEqualTo(before);
  }

  private Map<String, FileTime> mtimes() throws IOException {
    Map<String, FileTime> times = new LinkedHashMap<>();
    times.put(".", Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS));
    for (String path : tree(root)) {
      times.put(path, Files.getLastModifiedTime(root.resolve(path), LinkOption.NOFOLLOW_LINKS));
    }
    return times;
  }

  @Test
  void refusesUnsafeKeysAndLinksBeforeWritingAnything() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.writeString(outside.resolve("passwd"), "secret\n");
    Map<String, Resource> cases = new LinkedHashMap<>();
    cases.put("../escape.txt", file("../escape.txt", "x"));
    cases.put("a/../../escape.txt", file("a/../../escape.txt", "x"));
    cases.put("/etc/escape.txt", file("/etc/escape.txt", "x"));
    cases.put("a//b", file("a//b", "x"));
    cases.put("a/./b", file("a/./b", "x"));
    cases.put("trailing/", file("trailing/", "x"));
    cases.put("abs-link", symlink("abs-link", "/etc/passwd"));
    cases.put("deep/up-link", symlink("deep/up-link", "../../outside/passwd"));
    cases.put("via-link", symlink("via-link", "sub/../.."));
    cases.put("out/new.conf", file("out/new.conf", "x"));
    cases.put("out/deeper/new.conf", file("out/deeper/new.conf", "x"));

    for (Map.Entry<String, Resource> unsafe : cases.entrySet()) {
      // Each unsafe resource comes with a safe one that must not be written either.
      DesiredState state = desired(file("ok.txt", "ok\n"), unsafe.getValue());
      DirectoryTarget target = open();
      assertThatThrownBy(() -> target.validate(state))
          .as(unsafe.getKey())
          .isInstanceOfSatisfying(
              UnsafeResourceException.class, e -> assertThat(e.key()).isEqualTo(unsafe.getKey()));
    }
    assertThat(tree(root)).containsExactly("out");
    assertThat(tree(outside)).containsExactly("passwd");
  }

  @Test
  void refusesAFileThatIsAlsoADirectory() {
    DesiredState state = desired(file("a", "x"), file("a-b", "y"), file("a/b", "z"));
    assertThatThrownBy(() -> open().validate(state))
        .isInstanceOfSatisfying(
            UnsafeResourceException.class, e -> assertThat(e.key()).isEqualTo("a"))
        .hasMessageContaining("a/b");
  }

  @Test
  void acceptsLinksThatStayInside() {
    open()
        .validate(
            desired(
                symlink("a/b/up", "../../top.txt"),
                symlink("a/sibling", "./c/d"),
                symlink("self", ".")));
  }

  @Test
  void applyNeverWritesThroughASymlinkedDirectory() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("out"), outside);
    DirectoryTarget target = open();

    assertThatThrownBy(() -> target.apply(List.of(Change.create(file("out/x.conf", "x")))))
        .isInstanceOf(ApplyException.class)
        .hasCauseInstanceOf(UnsafeResourceException.class);
    assertThat(tree(outside)).isEmpty();
  }

  @Test
  void readNeverLooksThroughASymlinkedDirectory() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("out"), outside);
    Files.writeString(outside.resolve("passwd"), "secret\n");

    LiveState live = open().read(Set.of(ResourceKey.of("out/passwd"), ResourceKey.of("../x")));

    assertThat(live.resources()).isEmpty();
  }

  @Test
  void aLargeReadSeesEachDirectoryForWhatItIs() throws IOException {
    // Thousands of keys in several slices read at once: the files of one directory share its
    // check, which must not carry over to the next directory (a symlink, a file, a missing one).
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("b"), outside);
    Files.writeString(root.resolve("c"), "a file, not a directory\n");
    Set<ResourceKey> keys = new java.util.HashSet<>();
    for (String directory : List.of("a", "b", "c", "d", "e/f")) {
      for (int i = 0; i < 1000; i++) {
        String name = String.format("f%04d", i);
        keys.add(ResourceKey.of(directory + "/" + name));
        if (directory.equals("a") || directory.equals("e/f")) {
          Files.createDirectories(root.resolve(directory));
          Files.writeString(root.resolve(directory).resolve(name), directory + name);
        } else if (directory.equals("b")) {
          Files.writeString(outside.resolve(name), "outside");
        }
      }
    }
    keys.add(ResourceKey.of("c"));
    keys.add(ResourceKey.of("../x"));

    LiveState live = open().read(keys);

    assertThat(live.resources()).hasSize(2001);
    assertThat(live.resources().keySet())
        .allMatch(
            k ->
                k.value().startsWith("a/")
                    || k.value().startsWith("e/f/")
                    || k.value().equals("c"));
    assertThat(live.get(ResourceKey.of("c")).kind()).isEqualTo(ResourceKind.FILE);
    assertThat(live.get(ResourceKey.of("e/f/f0999")).hash())
        .isEqualTo(ContentHash.ofBytes("e/ff0999".getBytes(UTF_8)));
    assertThat(live.resources().headMap(ResourceKey.of("b"))).hasSize(1000);
  }

  @Test
  void aDirectoryWhereAFileBelongsIsLiveButNeverReplaced() throws IOException {
    Files.createDirectories(root.resolve("conf/inner"));
    DirectoryTarget target = open();
    Resource want = file("conf", "x");

    Resource live = target.read(Set.of(want.key())).get(want.key());

    assertThat(live.kind()).isEqualTo(ResourceKind.OBJECT);
    assertThat(live.sameAs(want)).isFalse();
    assertThatThrownBy(() -> target.apply(List.of(Change.update(live, want, false, false))))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining("a directory is where the file should be");
    assertThatThrownBy(() -> target.apply(List.of(Change.delete(live, false))))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining("does not remove directories");
    assertThat(tree(root)).containsExactly("conf/", "conf/inner/");
  }

  @Test
  void aCrashBeforeTheRenameLeavesTheOldFileWholeAndNoTempFile() throws IOException {
    Files.createDirectories(root);
    Files.writeString(root.resolve("app.conf"), "old\n");
    DirectoryTarget target =
        open(
            Seams.DEFAULT.withBeforeRename(
                (temp, destination) -> {
                  assertThat(temp.getFileName().toString()).startsWith(".driftless-tmp-");
                  assertThat(read(temp)).isNotEmpty(); // written and synced, not yet renamed
                  if (destination.getFileName().toString().equals("app.conf")) {
                    throw new IOException("simulated crash");
                  }
                }));
    Resource old = target.read(Set.of(ResourceKey.of("app.conf"))).get(ResourceKey.of("app.conf"));
    Change first = Change.create(file("new/first.txt", "first\n"));
    Change failing = Change.update(old, file("app.conf", "new and much longer\n"), false, false);
    Change never = Change.create(file("never.txt", "never\n"));

    assertThatThrownBy(() -> target.apply(List.of(first, failing, never)))
        .isInstanceOfSatisfying(
            ApplyException.class,
            e -> {
              assertThat(e.applied()).containsExactly(first);
              assertThat(e.failed()).isEqualTo(failing);
              assertThat(e.details()).containsEntry("file", "app.conf");
            })
        .hasMessageContaining("simulated crash");

    assertThat(read(root.resolve("app.conf"))).isEqualTo("old\n");
    assertThat(tree(root)).containsExactly("app.conf", "new/", "new/first.txt");
  }

  @Test
  void aFailedWriteIntoNewDirectoriesRemovesThem() throws IOException {
    Files.createDirectories(root);
    DirectoryTarget target =
        open(
            Seams.DEFAULT.withBeforeRename(
                (temp, destination) -> {
                  throw new IOException("disk full");
                }));

    assertThatThrownBy(() -> target.apply(List.of(Change.create(file("a/b/c.txt", "c")))))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.applied()).isEmpty());

    assertThat(tree(root)).isEmpty();
  }

  @Test
  void deletingWhatIsAlreadyGoneSucceeds() {
    Resource gone = file("gone.txt", "x");
    open().apply(List.of(Change.delete(gone, false)));
    assertThat(tree(root)).isEmpty();
  }

  @Test
  void liveContentIsLoadedLazilyAndRefusedOnceChanged() throws IOException {
    Files.createDirectories(root);
    Files.writeString(root.resolve("a.txt"), "one\n");
    Resource live = open().read(Set.of(ResourceKey.of("a.txt"))).get(ResourceKey.of("a.txt"));
    assertThat(live.hash()).isEqualTo(ContentHash.ofBytes("one\n".getBytes(UTF_8)));

    Files.writeString(root.resolve("a.txt"), "two\n");

    assertThatThrownBy(() -> live.content().bytes()).hasMessageContaining("changed after");
  }
}
