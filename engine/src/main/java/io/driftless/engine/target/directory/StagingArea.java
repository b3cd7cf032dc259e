package io.driftless.engine.target.directory;

import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StagingLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StagingLayout} of one environment on the local file system: where an apply stages its
 * files, the journal of the directories it creates, and the removal of what an interrupted apply
 * left. Used only under the environment's lease, so by one apply at a time.
 */
final class StagingArea {
  private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
  private static final int CREATE_ATTEMPTS = 5;

  private final TargetRoot root;
  private final StagingLayout layout;
  private final Path reserved;
  private final Path directory;
  private final Path journal;

  StagingArea(TargetRoot root, StagingLayout layout) {
    this.root = root;
    this.layout = layout;
    this.reserved = under(layout.reservedDirectory());
    this.directory = under(layout.directory());
    this.journal = under(layout.journal());
  }

  private Path under(List<String> segments) {
    Path path = root.path();
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }

  /**
   * Removes what an interrupted apply of this environment left: its staged files, the directories
   * it journaled that hold nothing (deepest first), the journal, then the staging directory and the
   * reserved one if no other environment uses it. One {@code lstat} when nothing is there.
   */
  void recover() throws IOException {
    if (!isRealDirectory(reserved) || !isRealDirectory(directory)) {
      removeIfEmpty(reserved);
      return;
    }
    byte[] journaled = readJournal();
    int staged = removeStagedFiles();
    int removed = 0;
    Map<String, Boolean> known = new HashMap<>();
    for (List<String> created : StagingLayout.recoveryOrder(journaled)) {
      if (removeIfEmptyInside(created, known)) {
        removed++;
      }
    }
    Files.deleteIfExists(journal);
    removeIfEmpty(directory);
    removeIfEmpty(reserved);
    if (staged > 0 || removed > 0) {
      LOG.info(
          "removed {} staged files and {} empty directories an interrupted apply left under {}",
          staged,
          removed,
          root);
    }
  }

  /** Opens the staging directory for one apply; the caller must {@link Session#finish} it. */
  Session open() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        createDirectory(reserved);
        createDirectory(directory);
        break;
      } catch (NoSuchFileException e) {
        // Another environment's apply removed the reserved directory as it emptied; try again.
        if (attempt == CREATE_ATTEMPTS) {
          throw e;
        }
      }
    }
    FileChannel channel =
        FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new Session(channel, device(directory));
  }

  private static void createDirectory(Path path) throws IOException {
    try {
      Files.createDirectory(path); // mkdir: fails rather than follow anything in the way
    } catch (FileAlreadyExistsException e) {
      if (!isRealDirectory(path)) {
        throw new IOException(
            path
                + " is reserved for Driftless's staging but holds something else; remove it by"
                + " hand");
      }
    }
  }

  private static boolean isRealDirectory(Path path) throws IOException {
    Optional<FileStat> stat = FileStat.of(path);
    if (stat.isPresent() && !stat.get().isDirectory()) {
      throw new IOException(
          path
              + " is reserved for Driftless's staging but is a "
              + stat.get().typeName()
              + "; remove it by hand");
    }
    return stat.isPresent();
  }

  private byte[] readJournal() throws IOException {
    Optional<FileStat> stat = FileStat.of(journal);
    if (stat.isEmpty() || !stat.get().isRegularFile()) {
      return new byte[0];
    }
    try (InputStream in = Files.newInputStream(journal, LinkOption.NOFOLLOW_LINKS)) {
      return in.readAllBytes();
    }
  }

  /** Removes every entry of the staging directory but the journal; never follows a link. */
  private int removeStagedFiles() throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(entries::add);
    }
    int removed = 0;
    for (Path entry : entries) {
      if (StagingLayout.isJournal(entry.getFileName().toString())) {
        continue;
      }
      removeTree(entry);
      removed++;
    }
    return removed;
  }

  private static void removeTree(Path path) throws IOException {
    Optional<FileStat> stat = FileStat.of(path);
    if (stat.isPresent() && stat.get().isDirectory()) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
        for (Path child : stream) {
          removeTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  /** Removes a journaled directory if it is a real, empty directory reached without a link. */
  private boolean removeIfEmptyInside(List<String> segments, Map<String, Boolean> known)
      throws IOException {
    RelativeFilePath path = new RelativeFilePath(segments);
    if (!root.parentsAreDirectories(path, known)) {
      return false;
    }
    Path target = path.under(root.path());
    Optional<FileStat> stat = FileStat.of(target);
    if (stat.isEmpty() || !stat.get().isDirectory()) {
      return false;
    }
    return removeIfEmpty(target);
  }

  private static boolean removeIfEmpty(Path path) throws IOException {
    try {
      return Files.deleteIfExists(path);
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }

  private static long device(Path path) throws IOException {
    return (Long) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
  }

  /** One apply's use of the staging directory. */
  final class Session {
    private final FileChannel journalChannel;
    private final long device;
    private final Map<Path, Boolean> sameDevice = new HashMap<>();
    private boolean journaled;

    private Session(FileChannel journalChannel, long device) {
      this.journalChannel = journalChannel;
      this.device = device;
    }

    /** A fresh name in the staging directory; created exclusively by the caller. */
    Path newTemp() {
      return under(layout.temp(ThreadLocalRandom.current().nextLong()));
    }

    /** Records that the apply is about to create {@code created}, before it does. */
    void journal(RelativeFilePath created) throws IOException {
      ByteBuffer entry = ByteBuffer.wrap(StagingLayout.journalEntry(created.segments()));
      while (entry.hasRemaining()) {
        journalChannel.write(entry);
      }
      journaled = true;
    }

    /** Makes the journal durable before anything is renamed into the directories it names. */
    void syncJournal() throws IOException {
      if (journaled) {
        journalChannel.force(true);
      }
    }

    /**
     * Refuses a destination directory on another file system than the staging directory: a staged
     * file could not be renamed into it atomically.
     */
    void checkSameFileSystem(Path destinationDirectory, String shown) throws IOException {
      if (sameDevice.computeIfAbsent(destinationDirectory, this::onStagingDevice)) {
        return;
      }
      throw new IOException(
          "'"
              + shown
              + "' is on another file system than the root; a directory target stages files under"
              + " the root and renames them into place, so it must be one file system");
    }

    private boolean onStagingDevice(Path path) {
      try {
        return device(path) == device;
      } catch (IOException e) {
        return false;
      }
    }

    /**
     * Ends the apply's use of staging. After a success only the journal and the empty staging
     * directories go; after a failure, also every staged file and every directory the apply created
     * that holds nothing.
     */
    void finish(boolean succeeded) throws IOException {
      journalChannel.close();
      if (succeeded) {
        Files.deleteIfExists(journal);
        removeStagedFiles();
        removeIfEmpty(directory);
        removeIfEmpty(reserved);
      } else {
        recover();
      }
    }
  }
}
