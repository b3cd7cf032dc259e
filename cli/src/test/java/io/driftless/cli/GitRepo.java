package io.driftless.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository on disk, given to the server as a file:// URL. */
final class GitRepo implements AutoCloseable {
  final Path dir;
  private final Git git;

  private GitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static GitRepo create(Path dir) throws IOException, GitAPIException {
    Files.createDirectories(dir);
    return new GitRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
  }

  String url() {
    return dir.toUri().toString();
  }

  /** Writes the files and commits them on main; returns the revision. */
  String commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue());
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Test", "test@example.com");
      return git.commit()
          .setMessage(message)
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call()
          .getName();
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
