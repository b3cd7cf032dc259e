package io.driftless.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository on disk, written with JGit, served to the server as a file:// URL. */
public final class GitRepo implements AutoCloseable {
  private final Path dir;
  private final Git git;

  private GitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  public static GitRepo create(Path dir) {
    try {
      Files.createDirectories(dir);
      return new GitRepo(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return dir.toUri().toString();
  }

  /** Writes the files (path to content) and commits them on main; returns the revision. */
  public String commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Test", "test@example.com");
      return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
