package io.driftless.engine.target.directory;

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
record FileStat(long size, long mtimeNanos, long ctimeNanos, long inode, int mode) {
  private static final String ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,mode";
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int DIRECTORY = 0040000;
  private static final int SYMLINK = 0120000;
  private static final int OWNER_EXECUTE = 0100;

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
    return (mode & TYPE_MASK) == REGULAR;
  }

  boolean isDirectory() {
    return (mode & TYPE_MASK) == DIRECTORY;
  }

  boolean isSymlink() {
    return (mode & TYPE_MASK) == SYMLINK;
  }

  boolean isOwnerExecutable() {
    return (mode & OWNER_EXECUTE) != 0;
  }

  /** The later of the content and the inode change times: either moves on any edit. */
  long lastChangeNanos() {
    return Math.max(mtimeNanos, ctimeNanos);
  }

  /** A short name for what is there, for messages. */
  String typeName() {
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
