package io.driftless.ssh;

import io.driftless.ssh.RemoteFileException.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHFsyncExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one host over SFTP (version 3, as OpenSSH speaks it), with what a target needs to
 * replace files atomically and durably: exclusive creation, {@code fsync@openssh.com}, {@code
 * posix-rename@openssh.com}. Obtained from {@link SshSession#files()}; thread-safe (requests from
 * several threads are pipelined over the one channel).
 *
 * <p>SFTP has no {@code O_NOFOLLOW}: opening a path follows a symlink in it. So operations that
 * must not follow one check with {@code lstat} first and refuse a symlink ({@link
 * Problem#SYMLINK}); reads check the opened handle's type again. An attacker who can write on the
 * host and races these checks is out of scope, as for the directory target.
 */
public final class RemoteFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteFiles.class);
  static final String POSIX_RENAME = "posix-rename@openssh.com";
  private static final int CHUNK = 32 * 1024;

  private final SftpCalls calls;
  private final SshHost host;
  private final SftpClient sftp;
  private final OpenSSHFsyncExtension fsync;
  private final OpenSSHPosixRenameExtension posixRename;

  RemoteFiles(SshSession session, SftpClient sftp) {
    this.calls = new SftpCalls(session, sftp);
    this.host = session.host();
    this.sftp = sftp;
    this.fsync = sftp.getExtension(OpenSSHFsyncExtension.class);
    this.posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
  }

  boolean isOpen() {
    return sftp.isOpen() && !sftp.isClosing();
  }

  public SshHost host() {
    return host;
  }

  /** The SFTP protocol version agreed with the server (always 3: see {@link SshSession#files}). */
  public int version() {
    return sftp.getVersion();
  }

  /** Whether the server offers {@code fsync@openssh.com}, so written files can be made durable. */
  public boolean offersFsync() {
    return fsync != null && fsync.isSupported();
  }

  /** Whether the server offers {@code posix-rename@openssh.com}, the only rename used here. */
  public boolean offersPosixRename() {
    return posixRename != null && posixRename.isSupported();
  }

  // ---------------------------------------------------------------- reading

  /** What is at {@code path}, not following a symlink; empty when nothing is there. */
  public Optional<RemoteStat> lstat(RemotePath path) {
    return calls.lstat(path);
  }

  /** What {@code path} leads to, following symlinks; empty when nothing is there. */
  public Optional<RemoteStat> stat(RemotePath path) {
    try {
      return Optional.of(SftpCalls.toStat(calls.call("stat", path, () -> sftp.stat(path.value()))));
    } catch (RemoteFileException e) {
      if (e.problem() == Problem.NO_SUCH_FILE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The target of the symlink at {@code path}, as stored. */
  public String readLink(RemotePath path) {
    try {
      return calls.call("readlink", path, () -> sftp.readLink(path.value()));
    } catch (RemoteFileException e) {
      Optional<RemoteStat> stat = lstat(path);
      if (stat.isPresent() && !stat.get().isSymlink()) {
        throw calls.refused(
            "readlink",
            path,
            Problem.NOT_A_FILE,
            "is a " + stat.get().typeName() + ", not a symlink");
      }
      throw e;
    }
  }

  /** The canonical absolute path of {@code path} on the host, with every symlink resolved. */
  public RemotePath realPath(RemotePath path) {
    String real = calls.call("realpath", path, () -> sftp.canonicalPath(path.value()));
    try {
      return RemotePath.of(real);
    } catch (IllegalArgumentException e) {
      throw calls.refused(
          "realpath", path, Problem.FAILURE, "resolves to an unusable path: " + e.getMessage());
    }
  }

  /**
   * Opens the regular file at {@code path} for reading, as a stream of at most {@code maxBytes}.
   * The caller closes it.
   *
   * @throws RemoteFileException when nothing is there ({@link Problem#NO_SUCH_FILE}), a symlink is
   *     there ({@link Problem#SYMLINK}) or something else that is not a regular file
   * @throws RemoteLimitException when the file is larger than {@code maxBytes}, now or as it is
   *     read
   */
  public InputStream read(RemotePath path, long maxBytes) {
    RemoteStat stat =
        lstat(path)
            .orElseThrow(() -> calls.refused("read", path, Problem.NO_SUCH_FILE, "does not exist"));
    checkReadable(path, stat, maxBytes);
    CloseableHandle handle = calls.call("open", path, () -> sftp.open(path.value(), OpenMode.Read));
    try {
      // Opening followed any symlink that appeared since the lstat: check what was opened.
      checkReadable(
          path, SftpCalls.toStat(calls.call("fstat", path, () -> sftp.stat(handle))), maxBytes);
    } catch (RuntimeException e) {
      calls.closeQuietly(handle);
      throw e;
    }
    return new RemoteFileStream(calls, path, handle, maxBytes);
  }

  /** The whole content of the regular file at {@code path}; see {@link #read}. */
  public byte[] readAll(RemotePath path, int maxBytes) {
    try (InputStream in = read(path, maxBytes)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("a remote stream fails with typed exceptions", e);
    }
  }

  private void checkReadable(RemotePath path, RemoteStat stat, long maxBytes) {
    if (stat.isSymlink()) {
      throw calls.refused("read", path, Problem.SYMLINK, "is a symlink; it is not followed");
    }
    if (!stat.isRegularFile()) {
      throw calls.refused(
          "read", path, Problem.NOT_A_FILE, "is a " + stat.typeName() + ", not a file");
    }
    if (stat.size() > maxBytes) {
      throw calls.tooLarge(path, maxBytes);
    }
  }

  /**
   * Every entry below {@code directory}, recursively, with its {@code lstat}: symlinks are listed,
   * never followed. Sorted by path; {@code directory} itself is not listed.
   *
   * @throws RemoteLimitException when there are more than {@code maxEntries}
   * @throws RemoteFileException when {@code directory} is missing, a symlink or not a directory
   */
  public List<RemoteEntry> list(RemotePath directory, int maxEntries) {
    return RemoteTree.list(calls, directory, maxEntries);
  }

  /**
   * The entries of the one directory {@code directory} (not below it) with their {@code lstat}, as
   * the server sends them along with the names ({@code READDIR}): a listing costs a round trip per
   * hundred entries where {@link #lstat} costs one per path. Symlinks are listed, never followed.
   * Unsorted.
   *
   * @throws RemoteLimitException when there are more than {@code maxEntries}
   * @throws RemoteFileException when {@code directory} is missing or not a directory; a symlink to
   *     a directory is followed by the server, so a caller that must not follow one checks {@code
   *     directory} with its parent's listing or {@link #lstat} first
   */
  public List<RemoteEntry> listDirectory(RemotePath directory, int maxEntries) {
    return RemoteTree.entries(calls, directory, maxEntries);
  }

  // ---------------------------------------------------------------- directories

  /**
   * Creates the directory {@code directory} with {@code permissions} (set exactly, whatever the
   * server's umask).
   *
   * @return false when a directory (not a symlink to one) is already there
   * @throws RemoteFileException when a symlink or something else is there, or the parent is missing
   */
  public boolean mkdir(RemotePath directory, int permissions) {
    try {
      calls.run("mkdir", directory, () -> sftp.mkdir(directory.value()));
    } catch (RemoteFileException e) {
      Optional<RemoteStat> there = lstat(directory);
      if (there.isEmpty()) {
        throw e;
      }
      if (there.get().isDirectory()) {
        return false;
      }
      throw calls.refused(
          "mkdir",
          directory,
          there.get().isSymlink() ? Problem.SYMLINK : Problem.NOT_A_DIRECTORY,
          "is a " + there.get().typeName() + ", not a directory");
    }
    setPermissions(directory, permissions);
    return true;
  }

  /**
   * Creates the missing directories from {@code base} down to {@code directory}, each with {@code
   * permissions}; {@code base} must already be a real directory. Never passes through a symlink.
   *
   * @return the directories created, outermost first (for a caller that cleans up after a failure)
   * @throws RemoteFileException when {@code base} or a directory on the way is a symlink or not a
   *     directory
   */
  public List<RemotePath> createDirectories(
      RemotePath base, RemotePath directory, int permissions) {
    if (!directory.isWithin(base)) {
      throw new IllegalArgumentException(directory + " is not within " + base);
    }
    requireDirectory("mkdir", base);
    List<RemotePath> created = new ArrayList<>();
    RemotePath current = base;
    String relative = directory.relativeTo(base);
    for (String segment : relative.isEmpty() ? List.<String>of() : List.of(relative.split("/"))) {
      current = current.child(segment);
      Optional<RemoteStat> stat = lstat(current);
      if (stat.isEmpty()) {
        if (mkdir(current, permissions)) {
          created.add(current);
        }
      } else if (stat.get().isSymlink()) {
        throw calls.refused(
            "mkdir",
            current,
            Problem.SYMLINK,
            "is a symlink; directories are never made through one");
      } else if (!stat.get().isDirectory()) {
        throw calls.refused(
            "mkdir",
            current,
            Problem.NOT_A_DIRECTORY,
            "is a " + stat.get().typeName() + ", not a directory");
      }
    }
    return created;
  }

  private void requireDirectory(String operation, RemotePath directory) {
    RemoteStat stat =
        lstat(directory)
            .orElseThrow(
                () -> calls.refused(operation, directory, Problem.NO_SUCH_FILE, "does not exist"));
    if (stat.isSymlink()) {
      throw calls.refused(operation, directory, Problem.SYMLINK, "is a symlink, not a directory");
    }
    if (!stat.isDirectory()) {
      throw calls.refused(
          operation,
          directory,
          Problem.NOT_A_DIRECTORY,
          "is a " + stat.typeName() + ", not a directory");
    }
  }

  /**
   * Flushes the directory {@code directory} (its entries: renames, new and removed names) to stable
   * storage: the directory is opened and {@code fsync@openssh.com} sent on its handle, which
   * OpenSSH's sftp-server passes to {@code fsync(2)}.
   *
   * @return false when the server does not offer {@code fsync@openssh.com}
   */
  public boolean syncDirectory(RemotePath directory) {
    if (!offersFsync()) {
      return false;
    }
    requireDirectory("sync", directory);
    CloseableHandle handle =
        calls.call("open", directory, () -> sftp.open(directory.value(), OpenMode.Read));
    try {
      calls.run("fsync", directory, () -> fsync.fsync(handle));
      return true;
    } finally {
      calls.closeQuietly(handle);
    }
  }

  // ---------------------------------------------------------------- files

  /**
   * Creates the new file {@code path} (it must not exist: exclusive creation, which also refuses a
   * symlink there), sets {@code permissions} before any byte is written, writes {@code content},
   * and flushes it to stable storage with {@code fsync@openssh.com} when the server offers it. On
   * failure the partial file is removed if the session still allows it. Meant for a staging name
   * that is then renamed into place with {@link #rename}.
   *
   * @throws RemoteLimitException when {@code content} holds more than {@code maxBytes}
   * @throws RemoteFileException with {@link Problem#FAILURE} when something is already there (SFTP
   *     version 3 cannot say more)
   */
  public WrittenFile writeNew(
      RemotePath path, InputStream content, int permissions, long maxBytes) {
    CloseableHandle handle =
        calls.call(
            "create",
            path,
            () ->
                sftp.open(
                    path.value(), EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Exclusive)));
    boolean done = false;
    try {
      // Before any byte: the mode given at creation would be cut by the server's umask.
      calls.run(
          "chmod", path, () -> sftp.setStat(handle, new Attributes().perms(permissions & 07777)));
      long offset = 0;
      byte[] buffer = new byte[CHUNK];
      for (int n = fill(path, content, buffer); n > 0; n = fill(path, content, buffer)) {
        if (offset + n > maxBytes) {
          throw calls.tooLarge(path, maxBytes);
        }
        long at = offset;
        int length = n;
        calls.run("write", path, () -> sftp.write(handle, at, buffer, 0, length));
        offset += n;
      }
      boolean synced = offersFsync();
      if (synced) {
        calls.run("fsync", path, () -> fsync.fsync(handle));
      }
      calls.run("close", path, handle::close);
      done = true;
      return new WrittenFile(path, offset, synced);
    } finally {
      if (!done) {
        calls.closeQuietly(handle);
        removeQuietly(path);
      }
    }
  }

  /** {@link #writeNew(RemotePath, InputStream, int, long)} of bytes in memory. */
  public WrittenFile writeNew(RemotePath path, byte[] content, int permissions) {
    return writeNew(path, new ByteArrayInputStream(content), permissions, content.length);
  }

  /** Fills {@code buffer} from the caller's content; 0 at its end. */
  private static int fill(RemotePath path, InputStream content, byte[] buffer) {
    try {
      return content.readNBytes(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the content to write to " + path, e);
    }
  }

  private void removeQuietly(RemotePath path) {
    if (!calls.session.isOpen()) {
      return;
    }
    try {
      remove(path);
    } catch (RemoteHostException e) {
      LOG.warn("could not remove the partial file {} on {}: {}", path, host, e.getMessage());
    }
  }

  /**
   * Creates the symlink {@code link} pointing to {@code target} (stored as given); nothing may be
   * there.
   */
  public void symlink(RemotePath link, String target) {
    if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a symlink target must be non-empty and hold no NUL");
    }
    // OpenSSH's sftp-server takes SSH_FXP_SYMLINK's paths in the reverse of the draft's order; the
    // client library sends them in OpenSSH's order.
    calls.run("symlink", link, () -> sftp.symLink(link.value(), target));
  }

  /**
   * Renames {@code from} to {@code to} atomically with {@code posix-rename@openssh.com} (rename(2):
   * {@code to} is replaced in one step, never missing or partial). A plain SFTP rename is never
   * used in its place: it refuses to replace, and OpenSSH emulates it with link and unlink.
   *
   * @throws UnsupportedServerException when the server does not offer the extension
   */
  public void rename(RemotePath from, RemotePath to) {
    if (!offersPosixRename()) {
      throw new UnsupportedServerException(
          host,
          POSIX_RENAME,
          host
              + " does not offer the SFTP extension "
              + POSIX_RENAME
              + ", so files cannot be replaced atomically there; Driftless does not fall back to"
              + " a non-atomic rename");
    }
    calls.run("rename", from, () -> posixRename.posixRename(from.value(), to.value()));
  }

  /**
   * Removes the file or symlink at {@code path} (a symlink itself, never its target).
   *
   * @return false when nothing was there
   * @throws RemoteFileException when a directory is there
   */
  public boolean remove(RemotePath path) {
    try {
      calls.run("remove", path, () -> sftp.remove(path.value()));
      return true;
    } catch (RemoteFileException e) {
      if (e.problem() == Problem.NO_SUCH_FILE) {
        return false;
      }
      Optional<RemoteStat> there = lstat(path);
      if (there.isPresent() && there.get().isDirectory()) {
        throw calls.refused("remove", path, Problem.NOT_A_FILE, "is a directory");
      }
      throw e;
    }
  }

  /**
   * Removes the empty directory {@code directory}.
   *
   * @return false when nothing was there
   * @throws RemoteFileException with {@link Problem#DIRECTORY_NOT_EMPTY} when it holds entries
   */
  public boolean removeDirectory(RemotePath directory) {
    try {
      calls.run("rmdir", directory, () -> sftp.rmdir(directory.value()));
      return true;
    } catch (RemoteFileException e) {
      if (e.problem() == Problem.NO_SUCH_FILE) {
        return false;
      }
      Optional<RemoteStat> there = lstat(directory);
      if (there.isEmpty()) {
        return false;
      }
      if (!there.get().isDirectory()) {
        throw calls.refused(
            "rmdir", directory, Problem.NOT_A_DIRECTORY, "is a " + there.get().typeName());
      }
      if (e.problem() == Problem.FAILURE) {
        throw calls.refused("rmdir", directory, Problem.DIRECTORY_NOT_EMPTY, "is not empty");
      }
      throw e;
    }
  }

  /**
   * Sets the permission bits of the file or directory at {@code path}. Refuses a symlink: SFTP's
   * setstat would change its target.
   */
  public void setPermissions(RemotePath path, int permissions) {
    RemoteStat stat =
        lstat(path)
            .orElseThrow(
                () -> calls.refused("chmod", path, Problem.NO_SUCH_FILE, "does not exist"));
    if (stat.isSymlink()) {
      throw calls.refused(
          "chmod", path, Problem.SYMLINK, "is a symlink; its target is not changed");
    }
    calls.run(
        "chmod",
        path,
        () -> sftp.setStat(path.value(), new Attributes().perms(permissions & 07777)));
  }
}
