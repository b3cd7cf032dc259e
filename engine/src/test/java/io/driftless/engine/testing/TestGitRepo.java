package io.driftless.engine.testing;

import io.driftless.engine.domain.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git repository with a work tree, for tests: write files, commit, and hand its {@code
 * file://} URL to the engine as a remote.
 */
public final class TestGitRepo implements AutoCloseable {
  private final Path dir;
  private final Git git;

  private TestGitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** Creates an empty repository whose default branch is {@code main}. */
  public static TestGitRepo create(Path dir) {
    try {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      return new TestGitRepo(dir, git);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  /** The URL to register as a source. */
  public String url() {
    return dir.toUri().toString();
  }

  /** Writes a file in the work tree (parents created); does not commit. */
  public TestGitRepo write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public TestGitRepo write(String path, byte[] content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an executable file; Git records mode 100755. */
  public TestGitRepo writeExecutable(String path, String content) {
    write(path, content);
    try {
      Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a symbolic link in the work tree; Git records mode 120000. */
  public TestGitRepo symlink(String path, String target) {
    try {
      Path link = dir.resolve(path);
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TestGitRepo delete(String path) {
    try {
      Files.delete(dir.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every file of {@code files} and commits them. */
  public Revision commit(Map<String, String> files, String message) {
    files.forEach(this::write);
    return commit(message);
  }

  /** Stages everything in the work tree (additions, changes and deletions) and commits. */
  public Revision commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = new PersonIdent("Test Author", "author@example.com");
      RevCommit commit =
          git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
      return Revision.of(commit.getId().name());
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public void tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public void checkoutNewBranch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
