package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.ssh.RemoteFileException.Problem;
import io.driftless.ssh.testing.Sshd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SFTP against a real OpenSSH server (Debian's sftp-server). The server runs on this machine, so
 * the tests look at its files directly to see what a host would hold.
 */
class RemoteFilesIT extends OneHostTestBase {
  private RemoteFiles files;

  @BeforeEach
  void openFiles() {
    files = session.files();
  }

  @Test
  void aFileIsStagedSyncedAndRenamedIntoPlaceThenReadBack() throws Exception {
    assertThat(files.version()).isEqualTo(3);
    assertThat(files.offersFsync()).isTrue();
    assertThat(files.offersPosixRename()).isTrue();
    RemotePath staging = root.child(".driftless-staging");
    assertThat(files.mkdir(staging, 0700)).isTrue();
    byte[] content = "listen 80;\n".getBytes(StandardCharsets.UTF_8);
    RemotePath staged = staging.child("nginx.conf");
    RemotePath destination = root.child("nginx.conf");

    WrittenFile written = files.writeNew(staged, content, 0640);

    assertThat(written).isEqualTo(new WrittenFile(staged, content.length, true));
    assertThat(local(destination)).doesNotExist();
    assertThat(local(staged)).hasBinaryContent(content);

    files.rename(staged, destination);

    assertThat(local(staged)).doesNotExist();
    assertThat(files.readAll(destination, 1024)).isEqualTo(content);
    RemoteStat stat = files.lstat(destination).orElseThrow();
    assertThat(stat.isRegularFile()).isTrue();
    assertThat(stat.size()).isEqualTo(content.length);
    assertThat(stat.permissions()).isEqualTo(0640);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local(destination))))
        .isEqualTo("rw-r-----");
    assertThat(files.syncDirectory(root)).isTrue();
    assertThat(files.syncDirectory(staging)).isTrue();
  }

  @Test
  void aReplacedFileIsNeverSeenPartiallyAtItsName() throws Exception {
    int size = 256 * 1024;
    RemotePath destination = root.child("big.bin");
    RemotePath staging = root.child(".staging");
    files.mkdir(staging, 0700);
    replace(staging.child("v0"), destination, version(0, size));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<String> seen = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (writing.get() && seen.get() == null) {
                try {
                  byte[] bytes = Files.readAllBytes(local(destination));
                  reads.incrementAndGet();
                  if (bytes.length != size || !allEqual(bytes)) {
                    seen.set("a read of " + bytes.length + " bytes that is not one whole version");
                  }
                } catch (NoSuchFileException e) {
                  seen.set("the file was missing");
                } catch (Exception e) {
                  seen.set(e.toString());
                }
              }
            });
    reader.start();
    try {
      for (int v = 1; v <= 20; v++) {
        replace(staging.child("v" + v), destination, version(v, size));
      }
    } finally {
      writing.set(false);
      reader.join();
    }

    assertThat(seen.get()).isNull();
    assertThat(reads.get()).isGreaterThan(20);
    assertThat(Files.readAllBytes(local(destination))).isEqualTo(version(20, size));
  }

  @Test
  void statsTellFilesDirectoriesAndSymlinksApart() throws Exception {
    Files.writeString(sshd.root().resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        sshd.root().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createDirectory(sshd.root().resolve("conf.d"));
    Files.createSymbolicLink(sshd.root().resolve("current"), Path.of("run.sh"));
    new ProcessBuilder("mkfifo", sshd.root().resolve("pipe").toString()).start().waitFor();

    RemoteStat script = files.lstat(root.child("run.sh")).orElseThrow();
    assertThat(script.isRegularFile()).isTrue();
    assertThat(script.isOwnerExecutable()).isTrue();
    assertThat(script.permissions()).isEqualTo(0750);
    assertThat(script.size()).isEqualTo(10);
    assertThat(script.modified())
        .isEqualTo(
            Files.getLastModifiedTime(sshd.root().resolve("run.sh"))
                .toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(files.lstat(root.child("conf.d")).orElseThrow().isDirectory()).isTrue();
    assertThat(files.lstat(root.child("current")).orElseThrow().isSymlink()).isTrue();
    assertThat(files.stat(root.child("current")).orElseThrow().isRegularFile()).isTrue();
    assertThat(files.lstat(root.child("pipe")).orElseThrow().typeName()).isEqualTo("FIFO");
    assertThat(files.lstat(root.child("missing"))).isEmpty();
    assertThat(files.lstat(root.resolve("missing/deeper"))).isEmpty();
  }

  @Test
  void readsStreamWithinABoundAndRefuseWhatIsNotAFile() throws Exception {
    byte[] large = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(large);
    Files.write(sshd.root().resolve("large"), large);
    Files.createSymbolicLink(sshd.root().resolve("link"), sshd.root().resolve("large"));
    Files.createDirectory(sshd.root().resolve("dir"));

    try (InputStream in = files.read(root.child("large"), large.length)) {
      assertThat(in.readAllBytes()).isEqualTo(large);
    }
    try (InputStream in = files.read(root.child("large"), Long.MAX_VALUE)) {
      assertThat(in.readAllBytes()).isEqualTo(large);
    }
    assertThatThrownBy(() -> files.read(root.child("large"), large.length - 1))
        .isInstanceOfSatisfying(
            RemoteLimitException.class, e -> assertThat(e.limit()).isEqualTo(large.length - 1))
        .hasMessageContaining("larger than");
    assertProblem(() -> files.read(root.child("link"), large.length), Problem.SYMLINK);
    assertProblem(() -> files.read(root.child("dir"), 10), Problem.NOT_A_FILE);
    assertProblem(() -> files.read(root.child("missing"), 10), Problem.NO_SUCH_FILE);
  }

  @Test
  void aFileThatGrowsPastTheBoundWhileReadIsCutOff() throws Exception {
    Files.write(sshd.root().resolve("growing"), new byte[1000]);
    InputStream in = files.read(root.child("growing"), 1000);
    Files.write(sshd.root().resolve("growing"), new byte[5000]);

    assertThatThrownBy(in::readAllBytes).isInstanceOf(RemoteLimitException.class);
    in.close();
  }

  @Test
  void listsRecursivelyWithoutFollowingSymlinksWithinABound() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "x");
    Files.createDirectories(sshd.root().resolve("a/b"));
    Files.writeString(sshd.root().resolve("a/b/c.conf"), "c");
    Files.writeString(sshd.root().resolve("top.conf"), "t");
    Files.createSymbolicLink(sshd.root().resolve("a/escape"), outside);

    List<RemoteEntry> entries = files.list(root, 100);

    assertThat(entries.stream().map(e -> e.path().relativeTo(root)))
        .containsExactly("a", "a/b", "a/b/c.conf", "a/escape", "top.conf");
    assertThat(entries.get(3).stat().isSymlink()).isTrue();
    assertThatThrownBy(() -> files.list(root, 4))
        .isInstanceOf(RemoteLimitException.class)
        .hasMessageContaining("more than 4 entries");
    assertProblem(() -> files.list(root.child("a").child("escape"), 10), Problem.SYMLINK);
  }

  @Test
  void createsMissingDirectoriesButNeverThroughASymlink() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(sshd.root().resolve("link"), outside);

    List<RemotePath> created =
        files.createDirectories(root, root.resolve("etc/nginx/conf.d"), 0750);

    assertThat(created)
        .containsExactly(
            root.resolve("etc"), root.resolve("etc/nginx"), root.resolve("etc/nginx/conf.d"));
    assertThat(Files.getPosixFilePermissions(local(root.resolve("etc/nginx"))))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(files.createDirectories(root, root.resolve("etc/nginx/conf.d"), 0750)).isEmpty();
    assertThat(files.mkdir(root.child("etc"), 0750)).isFalse();
    assertProblem(
        () -> files.createDirectories(root, root.resolve("link/sub"), 0750), Problem.SYMLINK);
    assertProblem(() -> files.mkdir(root.child("link"), 0750), Problem.SYMLINK);
    assertThat(outside.resolve("sub")).doesNotExist();
  }

  @Test
  void aNewFileNeverReplacesOrWritesThroughWhatIsThere() throws Exception {
    Path passwd = linkedFileOutside("passwd", "root:x:0:0\n");
    Files.writeString(sshd.root().resolve("existing"), "old");
    Files.createSymbolicLink(sshd.root().resolve("dangling"), passwd.resolveSibling("new"));
    byte[] evil = "evil".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> files.writeNew(root.child("existing"), evil, 0644))
        .isInstanceOf(RemoteFileException.class);
    assertThatThrownBy(() -> files.writeNew(root.child("link"), evil, 0644))
        .isInstanceOf(RemoteFileException.class);
    assertThatThrownBy(() -> files.writeNew(root.child("dangling"), evil, 0644))
        .isInstanceOf(RemoteFileException.class);

    assertThat(sshd.root().resolve("existing")).hasContent("old");
    assertThat(passwd).hasContent("root:x:0:0\n");
    assertThat(passwd.resolveSibling("new")).doesNotExist();
    assertThat(Files.isSymbolicLink(sshd.root().resolve("link"))).isTrue();
  }

  @Test
  void writesModesExactlyWhateverTheUmask() throws Exception {
    files.writeNew(root.child("shared"), new byte[] {1}, 0666);
    files.writeNew(root.child("secret"), new byte[] {1}, 0600);

    assertThat(files.lstat(root.child("shared")).orElseThrow().permissions()).isEqualTo(0666);
    assertThat(files.lstat(root.child("secret")).orElseThrow().permissions()).isEqualTo(0600);
  }

  @Test
  void aWriteOverItsBoundIsRemoved() {
    byte[] content = new byte[100_000];

    assertThatThrownBy(
            () ->
                files.writeNew(
                    root.child("too-big"), new ByteArrayInputStream(content), 0644, 50_000))
        .isInstanceOf(RemoteLimitException.class);
    assertThat(local(root.child("too-big"))).doesNotExist();
  }

  @Test
  void symlinksAreWrittenAndReadAsStored() {
    files.symlink(root.child("current"), "releases/42");

    assertThat(files.readLink(root.child("current"))).isEqualTo("releases/42");
    assertThat(Files.isSymbolicLink(local(root.child("current")))).isTrue();
    files.writeNew(root.child("plain"), new byte[] {1}, 0644);
    assertProblem(() -> files.readLink(root.child("plain")), Problem.NOT_A_FILE);
  }

  @Test
  void removesFilesSymlinksAndEmptyDirectoriesOnly() throws Exception {
    Path kept = linkedFileOutside("kept", "k");
    Files.writeString(sshd.root().resolve("file"), "f");
    Files.createDirectories(sshd.root().resolve("full/sub"));
    Files.createDirectories(sshd.root().resolve("empty"));

    assertThat(files.remove(root.child("file"))).isTrue();
    assertThat(files.remove(root.child("file"))).isFalse();
    assertThat(files.remove(root.child("link"))).isTrue();
    assertThat(kept).hasContent("k");
    assertProblem(() -> files.remove(root.child("full")), Problem.NOT_A_FILE);
    assertProblem(() -> files.removeDirectory(root.child("full")), Problem.DIRECTORY_NOT_EMPTY);
    assertThat(files.removeDirectory(root.child("empty"))).isTrue();
    assertThat(files.removeDirectory(root.child("empty"))).isFalse();
    assertThat(sshd.root().resolve("full/sub")).isDirectory();
  }

  @Test
  void permissionsAreSetOnFilesButNeverThroughASymlink() throws Exception {
    Path target = linkedFileOutside("target", "t");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(sshd.root().resolve("file"), "f");

    files.setPermissions(root.child("file"), 0755);

    assertThat(files.lstat(root.child("file")).orElseThrow().permissions()).isEqualTo(0755);
    assertProblem(() -> files.setPermissions(root.child("link"), 0777), Problem.SYMLINK);
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void realPathResolvesSymlinks() throws Exception {
    Files.createDirectories(sshd.root().resolve("releases/42"));
    Files.createSymbolicLink(sshd.root().resolve("current"), Path.of("releases/42"));

    assertThat(files.realPath(root.child("current")))
        .isEqualTo(RemotePath.of(sshd.root().toRealPath().resolve("releases/42").toString()));
  }

  @Test
  void withoutPosixRenameNothingIsRenamedAndWithoutFsyncWritesSaySo() throws Exception {
    // sftp-server -P denies requests and stops offering them; a plain rename still works there.
    Sshd plain =
        Sshd.in(tmp.resolve("plain"))
            .authorize(key)
            .sftpServer("/usr/lib/openssh/sftp-server -P posix-rename,fsync")
            .start();
    try (SshSessions plainSessions = sessionsFor(plain)) {
      RemoteFiles plainFiles = plainSessions.session(plain.host()).files();
      RemotePath plainRoot = plain.remoteRoot();
      Files.writeString(plain.root().resolve("live"), "old");

      assertThat(plainFiles.offersPosixRename()).isFalse();
      assertThat(plainFiles.offersFsync()).isFalse();
      WrittenFile staged =
          plainFiles.writeNew(
              plainRoot.child("staged"), "new".getBytes(StandardCharsets.UTF_8), 0644);
      assertThat(staged.synced()).isFalse();
      assertThat(plainFiles.syncDirectory(plainRoot)).isFalse();
      assertThatThrownBy(
              () -> plainFiles.rename(plainRoot.child("staged"), plainRoot.child("live")))
          .isInstanceOfSatisfying(
              UnsupportedServerException.class,
              e -> {
                assertThat(e.feature()).isEqualTo("posix-rename@openssh.com");
                assertThat(e.code()).isEqualTo("ssh.unsupported");
              })
          .hasMessageContaining(plain.host().toString())
          .hasMessageContaining("does not fall back to a non-atomic rename");

      assertThat(plain.root().resolve("live")).hasContent("old");
      assertThat(plain.root().resolve("staged")).hasContent("new");
    } finally {
      plain.close();
    }
  }

  private void replace(RemotePath staged, RemotePath destination, byte[] content) {
    files.writeNew(staged, content, 0644);
    files.rename(staged, destination);
  }

  private static byte[] version(int v, int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) v);
    return bytes;
  }

  private static boolean allEqual(byte[] bytes) {
    for (byte b : bytes) {
      if (b != bytes[0]) {
        return false;
      }
    }
    return true;
  }

  private static Path local(RemotePath path) {
    return Path.of(path.value());
  }

  private static void assertProblem(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Problem problem) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RemoteFileException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.code()).isEqualTo("ssh.file");
            });
  }

  private SshSessions sessionsFor(Sshd server) throws Exception {
    return server.sessions(key, timeouts());
  }

  /** A file outside the served root, and the symlink {@code link} in the root to it. */
  private Path linkedFileOutside(String name, String content) throws IOException {
    Path file = Files.createDirectories(tmp.resolve("outside")).resolve(name);
    Files.writeString(file, content);
    Files.createSymbolicLink(sshd.root().resolve("link"), file);
    return file;
  }
}
