package io.driftless.ssh.target;

import io.driftless.engine.target.StagingLayout;
import io.driftless.ssh.RemoteEntry;
import io.driftless.ssh.RemoteFileException;
import io.driftless.ssh.RemoteFiles;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.RemoteStat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link StagingLayout} of one environment under the root of one host, over SFTP: the same
 * reserved directory, staged-file names and journal of created directories as the directory target,
 * and the same recovery rule, so that an interrupted apply leaves nothing once the next run has
 * started.
 */
final class RemoteStaging {
  /** Private to the server's user: staged content is not for anyone else on the host. */
  static final int DIRECTORY_MODE = 0700;

  private static final int MAX_ENTRIES = 100_000;
  private static final int MAX_JOURNAL = 4 * 1024 * 1024;

  private final RemotePath root;
  private final StagingLayout layout;

  RemoteStaging(RemotePath root, StagingLayout layout) {
    this.root = root;
    this.layout = layout;
  }

  RemotePath under(List<String> segments) {
    return root.resolve(String.join("/", segments));
  }

  /** Creates this environment's staging directory (and the reserved one above it). */
  void open(RemoteFiles files) {
    files.mkdir(under(layout.reservedDirectory()), DIRECTORY_MODE);
    files.mkdir(under(layout.directory()), DIRECTORY_MODE);
  }

  /** A fresh staging name; created exclusively by the caller. */
  RemotePath newTemp() {
    return under(layout.temp(ThreadLocalRandom.current().nextLong()));
  }

  /** Writes the journal of the directories an apply is about to create, synced, before it does. */
  void journal(RemoteFiles files, List<List<String>> directories) {
    files.writeNew(under(layout.journal()), StagingLayout.journal(directories), 0600);
  }

  /**
   * Removes what an interrupted apply left: the staged files, the journaled directories that hold
   * nothing (deepest first, never through a symlink), the journal, then the staging directories
   * when empty. Nothing when the last apply finished.
   */
  void recover(RemoteFiles files) {
    RemotePath directory = under(layout.directory());
    Optional<RemoteStat> stat = files.lstat(directory);
    if (stat.isEmpty() || !stat.get().isDirectory()) {
      return;
    }
    RemotePath journal = under(layout.journal());
    for (RemoteEntry entry : files.list(directory, MAX_ENTRIES)) {
      boolean direct = entry.path().parent().map(directory::equals).orElse(false);
      if (direct && !entry.stat().isDirectory() && !entry.path().equals(journal)) {
        files.remove(entry.path());
      }
    }
    Optional<RemoteStat> journaled = files.lstat(journal);
    if (journaled.isPresent() && journaled.get().isRegularFile()) {
      for (List<String> created :
          StagingLayout.recoveryOrder(files.readAll(journal, MAX_JOURNAL))) {
        removeIfEmpty(files, created);
      }
      files.remove(journal);
    }
    finish(files);
  }

  /** After an apply: the journal and the empty staging directories go. */
  void finish(RemoteFiles files) {
    files.remove(under(layout.journal()));
    removeDirectoryIfEmpty(files, under(layout.directory()));
    removeDirectoryIfEmpty(files, under(layout.reservedDirectory()));
  }

  private void removeIfEmpty(RemoteFiles files, List<String> created) {
    RemotePath path = root;
    for (String segment : created) {
      path = path.child(segment);
      Optional<RemoteStat> stat = files.lstat(path);
      if (stat.isEmpty() || !stat.get().isDirectory()) {
        return; // gone, or a symlink or file: never removed through or instead of it
      }
    }
    removeDirectoryIfEmpty(files, path);
  }

  static boolean removeDirectoryIfEmpty(RemoteFiles files, RemotePath directory) {
    try {
      return files.removeDirectory(directory);
    } catch (RemoteFileException e) {
      if (e.problem() == RemoteFileException.Problem.DIRECTORY_NOT_EMPTY) {
        return false;
      }
      throw e;
    }
  }
}
