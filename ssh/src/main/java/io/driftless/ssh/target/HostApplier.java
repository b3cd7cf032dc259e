package io.driftless.ssh.target;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StatCache;
import io.driftless.ssh.RemoteFileException;
import io.driftless.ssh.RemoteFiles;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.RemoteStat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one host's changes so that each file is replaced atomically and durably, as the directory
 * target does locally: missing parents are journaled and created, every new content is staged in
 * the environment's {@link RemoteStaging} directory (created exclusively, its mode set before the
 * first byte, {@code fsync@openssh.com}), then in plan order each staged file is renamed over its
 * destination with {@code posix-rename@openssh.com} and each delete unlinks its file, then every
 * touched directory is flushed ({@code fsync@openssh.com} on the directory's handle). A failure
 * removes every staged file and every directory this apply created that holds nothing.
 */
final class HostApplier {
  private static final int DIRECTORY_MODE = 0755;

  private final RemotePath root;
  private final RemoteStaging staging;
  private final Clock clock;
  private final FileMode decryptedMode;

  /**
   * @param decryptedMode the mode of the files written decrypted
   */
  HostApplier(RemotePath root, RemoteStaging staging, Clock clock, FileMode decryptedMode) {
    this.decryptedMode = decryptedMode;
    this.root = root;
    this.staging = staging;
    this.clock = clock;
  }

  /** A change that failed, after {@code applied} were committed. */
  static final class Failure extends RuntimeException {
    final Change change;
    final List<Change> applied;

    Failure(Change change, List<Change> applied, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.change = change;
      this.applied = List.copyOf(applied);
    }
  }

  /** What an apply did on the host. */
  record Applied(boolean directoriesSynced) {}

  /**
   * Applies {@code changes} (keyed by their paths under the root, in plan order).
   *
   * @throws Failure naming the change that failed and those committed before it
   */
  Applied apply(RemoteFiles files, List<HostChange> changes, StatCache<RemoteStat> cache) {
    List<Change> applied = new ArrayList<>(changes.size());
    Change current = changes.get(0).change();
    boolean opened = false;
    try {
      if (files.lstat(root).isEmpty()) {
        files.createDirectories(RemotePath.ROOT, root, DIRECTORY_MODE);
      }
      staging.recover(files);
      staging.open(files);
      opened = true;
      Set<RemotePath> toSync = new LinkedHashSet<>();
      createParents(files, changes, toSync);
      Map<HostChange, RemotePath> staged = new LinkedHashMap<>();
      for (HostChange change : changes) {
        current = change.change();
        if (change.change().action() != ChangeAction.DELETE) {
          staged.put(change, stage(files, change));
        }
      }
      for (HostChange change : changes) {
        current = change.change();
        RemotePath destination = root.resolve(change.path().toString());
        if (change.change().action() == ChangeAction.DELETE) {
          delete(files, change.path(), toSync);
          cache.forget(change.change().key().value());
        } else {
          files.rename(staged.get(change), destination);
          toSync.add(destination.parent().orElseThrow());
        }
        applied.add(change.change());
      }
      boolean synced = true;
      for (RemotePath directory : toSync) {
        synced &= files.syncDirectory(directory);
      }
      staging.finish(files);
      remember(files, changes, cache);
      return new Applied(synced);
    } catch (RuntimeException e) {
      if (opened) {
        try {
          staging.recover(files);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw new Failure(current, applied, e);
    }
  }

  /** Journals, then creates, the missing directories above the files to write. */
  private void createParents(RemoteFiles files, List<HostChange> changes, Set<RemotePath> toSync) {
    Set<List<String>> missing = new LinkedHashSet<>();
    Map<String, Boolean> known = new java.util.HashMap<>();
    for (HostChange change : changes) {
      if (change.change().action() == ChangeAction.DELETE) {
        continue;
      }
      for (RelativeFilePath parent : change.path().parents()) {
        RemotePath directory = root.resolve(parent.toString());
        boolean exists =
            known.computeIfAbsent(parent.toString(), p -> exists(files, directory, change));
        if (!exists) {
          missing.add(parent.segments());
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    staging.journal(files, List.copyOf(missing));
    for (List<String> directory : missing) {
      RemotePath path = root.resolve(String.join("/", directory));
      files.mkdir(path, DIRECTORY_MODE);
      toSync.add(path.parent().orElseThrow());
    }
  }

  /** Whether a real directory is at {@code directory}; refuses a symlink or file in the way. */
  private static boolean exists(RemoteFiles files, RemotePath directory, HostChange change) {
    Optional<RemoteStat> stat = files.lstat(directory);
    if (stat.isEmpty()) {
      return false;
    }
    if (!stat.get().isDirectory()) {
      throw new IllegalStateException(
          "'"
              + change.path()
              + "' cannot be written: "
              + directory
              + " is a "
              + stat.get().typeName()
              + ", not a directory");
    }
    return true;
  }

  private RemotePath stage(RemoteFiles files, HostChange change) {
    Resource after = change.change().after();
    RemotePath destination = root.resolve(change.path().toString());
    Optional<RemoteStat> there = files.lstat(destination);
    if (there.isPresent() && there.get().isDirectory()) {
      throw new IllegalStateException(
          "'" + change.path() + "' cannot be written: a directory is there; it is never replaced");
    }
    RemotePath temp = staging.newTemp();
    if (after.kind() == ResourceKind.SYMLINK) {
      files.symlink(temp, new String(after.content().bytes(), UTF_8));
    } else {
      files.writeNew(temp, after.content().bytes(), FileMode.of(after, decryptedMode));
    }
    return temp;
  }

  /** Unlinks a file and removes the directories it leaves empty, up to but excluding the root. */
  private void delete(RemoteFiles files, RelativeFilePath path, Set<RemotePath> toSync) {
    RemotePath file = root.resolve(path.toString());
    files.remove(file);
    RemotePath directory = file.parent().orElseThrow();
    toSync.add(directory);
    while (!directory.equals(root)
        && directory.isWithin(root)
        && RemoteStaging.removeDirectoryIfEmpty(files, directory)) {
      toSync.remove(directory);
      directory = directory.parent().orElseThrow();
      toSync.add(directory);
    }
  }

  /** Records the hashes of the files written, so that the next check need not read them. */
  private void remember(RemoteFiles files, List<HostChange> changes, StatCache<RemoteStat> cache) {
    for (HostChange change : changes) {
      Resource after = change.change().after();
      if (after == null || after.kind() == ResourceKind.SYMLINK) {
        continue;
      }
      try {
        files
            .lstat(root.resolve(change.path().toString()))
            .filter(RemoteStat::isRegularFile)
            .ifPresent(
                stat ->
                    cache.record(
                        change.change().key().value(), stat, after.hash(), clock.instant()));
      } catch (RemoteFileException e) {
        cache.forget(change.change().key().value());
      }
    }
  }
}
