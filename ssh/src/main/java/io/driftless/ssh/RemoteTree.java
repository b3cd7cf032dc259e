package io.driftless.ssh;

import io.driftless.ssh.RemoteFileException.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A recursive, bounded listing that never follows a symlink: see {@link RemoteFiles#list}. */
final class RemoteTree {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteTree.class);

  private RemoteTree() {}

  static List<RemoteEntry> list(SftpCalls calls, RemotePath directory, int maxEntries) {
    RemoteStat top =
        calls
            .lstat(directory)
            .orElseThrow(
                () -> calls.refused("list", directory, Problem.NO_SUCH_FILE, "does not exist"));
    if (top.isSymlink()) {
      throw calls.refused("list", directory, Problem.SYMLINK, "is a symlink; it is not followed");
    }
    if (!top.isDirectory()) {
      throw calls.refused("list", directory, Problem.NOT_A_DIRECTORY, "is a " + top.typeName());
    }
    List<RemoteEntry> found = new ArrayList<>();
    Deque<RemotePath> pending = new ArrayDeque<>();
    pending.add(directory);
    while (!pending.isEmpty()) {
      for (RemoteEntry entry : entries(calls, pending.poll(), maxEntries)) {
        found.add(entry);
        if (found.size() > maxEntries) {
          throw tooMany(calls, directory, maxEntries);
        }
        if (entry.stat().isDirectory()) {
          pending.add(entry.path());
        }
      }
    }
    found.sort(Comparator.comparing(entry -> entry.path().value()));
    return found;
  }

  /**
   * The entries of one directory, with the {@code lstat} the server sends along (OpenSSH's
   * sftp-server lstat()s each entry: a symlink is described, not followed).
   */
  static List<RemoteEntry> entries(SftpCalls calls, RemotePath directory, int maxEntries) {
    CloseableHandle handle =
        calls.call("opendir", directory, () -> calls.sftp.openDir(directory.value()));
    List<RemoteEntry> entries = new ArrayList<>();
    try {
      while (true) {
        List<DirEntry> batch = calls.call("readdir", directory, () -> calls.sftp.readDir(handle));
        if (batch == null || batch.isEmpty()) {
          return entries;
        }
        for (DirEntry entry : batch) {
          String name = entry.getFilename();
          if (name.equals(".") || name.equals("..")) {
            continue;
          }
          RemotePath child;
          try {
            child = directory.child(name);
          } catch (IllegalArgumentException e) {
            LOG.warn(
                "skipping an unusable name in {} on {}: {}", directory, calls.host, e.getMessage());
            continue;
          }
          entries.add(new RemoteEntry(child, SftpCalls.toStat(entry.getAttributes())));
          if (entries.size() > maxEntries) {
            throw tooMany(calls, directory, maxEntries);
          }
        }
      }
    } finally {
      calls.closeQuietly(handle);
    }
  }

  private static RemoteLimitException tooMany(SftpCalls calls, RemotePath directory, int max) {
    return new RemoteLimitException(
        calls.host,
        directory,
        max,
        directory + " on " + calls.host + " holds more than " + max + " entries");
  }
}
