package io.driftless.ssh;

import io.driftless.engine.target.PosixMode;
import io.driftless.engine.target.StatCache;
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
public record RemoteStat(long size, long mtimeSeconds, int mode, int uid, int gid)
    implements StatCache.Stamp {

  public RemoteStat {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  public boolean isRegularFile() {
    return PosixMode.isRegularFile(mode);
  }

  public boolean isDirectory() {
    return PosixMode.isDirectory(mode);
  }

  public boolean isSymlink() {
    return PosixMode.isSymlink(mode);
  }

  public boolean isOwnerExecutable() {
    return PosixMode.isOwnerExecutable(mode);
  }

  /** The permission bits, including setuid, setgid and sticky ({@code 07777}). */
  public int permissions() {
    return mode & 07777;
  }

  /** The last nanosecond of the modification time's second: SFTP shows no finer time. */
  @Override
  public long lastChangeNanos() {
    return Math.addExact(Math.multiplyExact(mtimeSeconds, 1_000_000_000L), 999_999_999L);
  }

  public Instant modified() {
    return Instant.ofEpochSecond(mtimeSeconds);
  }

  /** A short name for what is there, for messages. */
  public String typeName() {
    return PosixMode.typeName(mode);
  }
}
