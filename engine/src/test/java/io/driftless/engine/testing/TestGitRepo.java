package io.driftless.engine.testing;

import io.driftless.engine.domain.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * A real Git repository with a work tree, for tests: write files, commit, and hand its {@code
 * file://} URL to the engine as a remote.
 *
 * @param remote the bare repository {@link #push()} sends to; null for a repository of its own
 */
public record TestGitRepo(Path dir, Git git, Path remote) implements AutoCloseable {

  /** Creates an empty repository whose default branch is {@code main}. */
  public static TestGitRepo create(Path dir) {
    return new TestGitRepo(dir, init(dir, false), null);
  }

  /**
   * Creates an empty work repository whose commits {@link #push()} sends to the bare repository
   * {@code remote} (created empty if missing), as a developer's clone of a hosted repository.
   */
  public static TestGitRepo pushingTo(Path remote, Path dir) {
    if (!Files.isDirectory(remote.resolve("refs"))) {
      init(remote, true).close();
    }
    return new TestGitRepo(dir, init(dir, false), remote);
  }

  private static Git init(Path dir, boolean bare) {
    try {
      Files.createDirectories(dir);
      return Git.init().setDirectory(dir.toFile()).setBare(bare).setInitialBranch("main").call();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pushes {@code HEAD} to the remote's {@code main}; fails unless the remote took it. */
  public void push() {
    if (remote == null) {
      throw new IllegalStateException("not made by pushingTo: no remote to push to");
    }
    Iterable<PushResult> results =
        unchecked(
            () ->
                git.push()
                    .setRemote(remote.toUri().toString())
                    .setRefSpecs(new RefSpec("HEAD:" + Constants.R_HEADS + "main"))
                    .call());
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK
            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          throw new IllegalStateException("push refused: " + update);
        }
      }
    }
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
    Path file = dir.resolve(path);
    unchecked(() -> Files.createDirectories(file.getParent()));
    unchecked(() -> Files.write(file, content));
    return this;
  }

  /** Writes an executable file; Git records mode 100755. */
  public TestGitRepo writeExecutable(String path, String content) {
    write(path, content);
    unchecked(
        () ->
            Files.setPosixFilePermissions(
                dir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x")));
    return this;
  }

  /** Creates a symbolic link in the work tree; Git records mode 120000. */
  public TestGitRepo symlink(String path, String target) {
    Path link = dir.resolve(path);
    unchecked(
        () -> {
          Files.createDirectories(link.getParent());
          Files.deleteIfExists(link);
          return Files.createSymbolicLink(link, Path.of(target));
        });
    return this;
  }

  public TestGitRepo delete(String path) {
    unchecked(
        () -> {
          Files.delete(dir.resolve(path));
          return null;
        });
    return this;
  }

  /** Writes every file of {@code files} (a null content deletes the file) and commits them. */
  public Revision commit(Map<String, String> files, String message) {
    files.forEach(
        (path, content) -> {
          if (content == null) {
            delete(path);
          } else {
            write(path, content);
          }
        });
    return commit(message);
  }

  /**
   * Commits {@code files} like {@link #commit(Map, String)} on {@code branch}, created from {@code
   * main} if new, and checks {@code main} out again: a pull request's branch.
   */
  public Revision commitOn(String branch, Map<String, String> files, String message) {
    if (branch.equals("main")) {
      return commit(files, message);
    }
    try {
      boolean exists =
          unchecked(() -> git.getRepository().findRef(Constants.R_HEADS + branch)) != null;
      unchecked(
          () ->
              git.checkout().setName(branch).setCreateBranch(!exists).setStartPoint("main").call());
      return commit(files, message);
    } finally {
      checkout("main");
    }
  }

  /** Stages everything in the work tree (additions, changes and deletions) and commits. */
  public Revision commit(String message) {
    stageAll();
    PersonIdent who = new PersonIdent("Test Author", "author@example.com");
    RevCommit commit =
        unchecked(
            () ->
                git.commit()
                    .setMessage(message)
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .call());
    return Revision.of(commit.getId().name());
  }

  /** Stages additions, changes and deletions in the work tree. */
  private void stageAll() {
    unchecked(() -> git.add().addFilepattern(".").call());
    unchecked(() -> git.add().addFilepattern(".").setUpdate(true).call());
  }

  public void tag(String name) {
    unchecked(() -> git.tag().setName(name).setAnnotated(false).call());
  }

  public void checkoutNewBranch(String name) {
    unchecked(() -> git.checkout().setCreateBranch(true).setName(name).call());
  }

  /**
   * Stages everything and commits like {@link #commit(String)}, with the {@code gpgsig} header that
   * {@code signer} returns for the commit's bytes (an ASCII-armored signature; null for none).
   */
  public Revision commitSigned(String message, Function<byte[], String> signer) {
    stageAll();
    return unchecked(
        () -> {
          Repository repo = git.getRepository();
          try (ObjectInserter inserter = repo.newObjectInserter()) {
            DirCache index = repo.lockDirCache();
            ObjectId tree;
            try {
              tree = index.writeTree(inserter);
            } finally {
              index.unlock();
            }
            ObjectId head = repo.resolve(Constants.HEAD);
            PersonIdent who = new PersonIdent("Test Author", "author@example.com");
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree);
            if (head != null) {
              builder.setParentId(head);
            }
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage(message);
            String signature = signer.apply(builder.build());
            if (signature != null) {
              builder.setGpgSignature(
                  new GpgSignature(signature.getBytes(StandardCharsets.US_ASCII)));
            }
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.HEAD);
            update.setNewObjectId(id);
            update.setRefLogMessage("commit: " + message, false);
            update.forceUpdate();
            return Revision.of(id.name());
          }
        });
  }

  /** Creates an annotated tag at HEAD. */
  public void annotatedTag(String name, String message) {
    unchecked(
        () ->
            git.tag().setName(name).setAnnotated(true).setMessage(message).setSigned(false).call());
  }

  /** The commit {@code branch} points at. */
  public Revision head(String branch) {
    return Revision.of(
        unchecked(() -> git.getRepository().resolve(Constants.R_HEADS + branch)).name());
  }

  /** Merges {@code branch} into {@code main} with a merge commit, as a host's merge button does. */
  public Revision merge(String branch, String message) {
    checkout("main");
    return unchecked(
        () ->
            Revision.of(
                git.merge()
                    .include(git.getRepository().resolve(Constants.R_HEADS + branch))
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(true)
                    .setMessage(message)
                    .call()
                    .getNewHead()
                    .name()));
  }

  /** Points any ref (e.g. {@code refs/pull/1/head}) at {@code revision}, creating it if needed. */
  public void updateRef(String name, Revision revision) {
    RefUpdate update = unchecked(() -> git.getRepository().updateRef(name));
    update.setNewObjectId(ObjectId.fromString(revision.value()));
    unchecked(update::forceUpdate);
  }

  /** Deletes a ref, e.g. a branch ({@code refs/heads/x}) other than the checked-out one. */
  public void deleteRef(String name) {
    RefUpdate update = unchecked(() -> git.getRepository().updateRef(name));
    update.setForceUpdate(true);
    unchecked(update::delete);
  }

  public void checkout(String branch) {
    unchecked(() -> git.checkout().setName(branch).call());
  }

  /** A step that Git or the file system may fail. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws GitAPIException, IOException;
  }

  /** The result of {@code step}; a Git failure thrown as IllegalStateException, I/O unchecked. */
  private static <T> T unchecked(Step<T> step) {
    try {
      return step.run();
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
