package io.driftless.engine.target;

/**
 * What a POSIX file mode ({@code st_mode}) says: the file's type and its owner's execute bit. The
 * directory target reads modes from the local file system, the ssh target over SFTP.
 */
public final class PosixMode {
  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int DIRECTORY = 0040000;
  private static final int SYMLINK = 0120000;
  private static final int OWNER_EXECUTE = 0100;

  private PosixMode() {}

  public static boolean isRegularFile(int mode) {
    return (mode & TYPE_MASK) == REGULAR;
  }

  public static boolean isDirectory(int mode) {
    return (mode & TYPE_MASK) == DIRECTORY;
  }

  public static boolean isSymlink(int mode) {
    return (mode & TYPE_MASK) == SYMLINK;
  }

  public static boolean isOwnerExecutable(int mode) {
    return (mode & OWNER_EXECUTE) != 0;
  }

  /** A short name for the file's type, for messages. */
  public static String typeName(int mode) {
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
