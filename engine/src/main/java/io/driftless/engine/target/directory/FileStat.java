package io.driftless.engine.target.directory;

import io.driftless.engine.target.PosixMode;
import io.driftless.engine.target.StatCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code lstat} says about a path: enough to tell, like Git's index, whether a file may
 * have changed since it was hashed.
 *
 * @param mode the raw {@code st_mode}: file type and permission bits
 */
record FileStat(long size, long mtimeNanos, long ctimeNanos, long inode, int mode)
    implements StatCache.Stamp {
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,mode";

  /** Stats {@code path} without following a symlink; empty when nothing is there. */
  static Optional<FileStat> of(Path path) throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(
        new FileStat(
            (Long) attributes.get("size"),
            nanos(attributes.get("lastModifiedTime")),
            nanos(attributes.get("ctime")),
            (Long) attributes.get("ino"),
            (Integer) attributes.get("mode")));
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  boolean isRegularFile() {
    return PosixMode.isRegularFile(mode);
  }

  boolean isDirectory() {
    return PosixMode.isDirectory(mode);
  }

  boolean isSymlink() {
    return PosixMode.isSymlink(mode);
  }

  boolean isOwnerExecutable() {
    return PosixMode.isOwnerExecutable(mode);
  }

  /** The later of the content and the inode change times: either moves on any edit. */
  @Override
  public long lastChangeNanos() {
    return Math.max(mtimeNanos, ctimeNanos);
  }

  /** A short name for what is there, for messages. */
  String typeName() {
    return PosixMode.typeName(mode);
  }
}
