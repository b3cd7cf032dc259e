package io.driftless.ssh;

import java.time.Instant;

/**
 * What an SFTP {@code lstat} or {@code stat} says about a path. SFTP version 3 (the one OpenSSH
 * speaks) carries size, owner, mode and times in whole seconds: there is no inode number, no change
 * time (ctime) and no sub-second modification time. A file replaced by another of the same size and
 * mode whose mtime was kept (e.g. by {@code cp -p}, {@code rsync -t} or {@code touch -r}) stats the
 * same; a caller that caches by stat must accept that, or read the content.
 *
 * @param mode the raw {@code st_mode}: file type and permission bits
 * @param mtimeSeconds the modification time in whole seconds since the epoch
 */
public record RemoteStat(long size, long mtimeSeconds, int mode, int uid, int gid) {
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int DIRECTORY = 0040000;
  private static final int SYMLINK = 0120000;
  private static final int OWNER_EXECUTE = 0100;

  public RemoteStat {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  public boolean isRegularFile() {
    return (mode & TYPE_MASK) == REGULAR;
  }

  public boolean isDirectory() {
    return (mode & TYPE_MASK) == DIRECTORY;
  }

  public boolean isSymlink() {
    return (mode & TYPE_MASK) == SYMLINK;
  }

  public boolean isOwnerExecutable() {
    return (mode & OWNER_EXECUTE) != 0;
  }

  /** The permission bits, including setuid, setgid and sticky ({@code 07777}). */
  public int permissions() {
    return mode & 07777;
  }

  public Instant modified() {
    return Instant.ofEpochSecond(mtimeSeconds);
  }

  /** A short name for what is there, for messages. */
  public String typeName() {
    return switch (mode & TYPE_MASK) {
      case REGULAR -> "file";
      case DIRECTORY -> "directory";
      case SYMLINK -> "symlink";
      case 0010000 -> "FIFO";
      case 0140000 -> "socket";
      case 0020000 -> "character device";
      case 0060000 -> "block device";
      default -> "special file";
    };
  }
}
