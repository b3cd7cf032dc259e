package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.TargetRoot.unsafe;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan to a directory target so that each file is replaced atomically and durably, and
 * nothing of an apply shows in the root but the files it commits: new content is staged in the
 * environment's {@link StagingArea}, fsynced, renamed into place, and the touched directories are
 * fsynced.
 */
final class DurableApplier {
  private static final Logger LOG = LoggerFactory.getLogger(DurableApplier.class);
  private final TargetRoot root;
  private final StagingArea staging;
  private final StatCache<FileStat> cache;
  private final Seams seams;
  private final FileMode decryptedMode;

  /**
   * @param decryptedMode the mode of the files written decrypted
   */
  DurableApplier(
      TargetRoot root,
      StagingArea staging,
      StatCache<FileStat> cache,
      Seams seams,
      FileMode decryptedMode) {
    this.decryptedMode = decryptedMode;
    this.root = root;
    this.staging = staging;
    this.cache = cache;
    this.seams = seams;
  }

  /** See {@link DirectoryTarget#apply}. */
  void apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<Change> applied = new ArrayList<>(changes.size());
    List<Staged> staged = new ArrayList<>();
    List<Path> createdDirectories = new ArrayList<>();
    Set<Path> toSync = new LinkedHashSet<>();
    Change current = changes.get(0);
    StagingArea.Session session = null;
    int written = 0;
    int deleted = 0;
    try {
      ensureRoot();
      staging.recover();
      session = staging.open();
      // 1. Parents first, in order: mkdir is cheap and must not race with itself. Each directory
      //    is journaled before it is made, so that a crash cannot leave it behind unnoticed.
      Map<Path, Boolean> knownDirectories = new HashMap<>();
      Set<Path> madeHere = new HashSet<>();
      for (Change change : changes) {
        current = change;
        if (change.action() != ChangeAction.DELETE) {
          RelativeFilePath path = RelativeFilePath.of(change.key());
          int created = createdDirectories.size();
          Path directory = makeParents(path, knownDirectories, createdDirectories, session);
          toSync.add(directory);
          for (Path parent : createdDirectories.subList(created, createdDirectories.size())) {
            toSync.add(parent.getParent());
            madeHere.add(parent);
          }
          // Nothing can be in the way in a directory this apply has just made: no lstat.
          staged.add(new Staged(change, path.under(root.path()), madeHere.contains(directory)));
        }
      }
      session.syncJournal();
      // 2. Stage every write in a fsynced file in the staging directory: nothing visible changes
      //    yet, so a problem found here (a directory in the way) applies nothing. Files are staged
      //    several at a time: parallel fsyncs let the file system group them into few commits.
      long parents = System.nanoTime();
      StagingArea.Session open = session;
      ParallelIo.forEach(staged, s -> stage(s, open));
      long staging = System.nanoTime();
      // 3. Commit in plan order: each rename replaces a whole file atomically.
      int next = 0;
      for (Change change : changes) {
        current = change;
        if (change.action() == ChangeAction.DELETE) {
          delete(change.key(), toSync);
          deleted++;
        } else {
          commit(staged.get(next++));
          written++;
        }
        applied.add(change);
      }
      current = changes.get(changes.size() - 1);
      long committing = System.nanoTime();
      // 4. The renames, unlinks and new directories are durable once their directories are.
      ParallelIo.forEach(List.copyOf(toSync), DurableApplier::syncDirectory);
      staged.forEach(this::forget);
      session.finish(true);
      LOG.debug(
          "apply under {}: parents {} ms, staged and synced {} ms, renames {} ms, {} directory"
              + " syncs and stat cache {} ms",
          root,
          (parents - start) / 1_000_000,
          (staging - parents) / 1_000_000,
          (committing - staging) / 1_000_000,
          toSync.size(),
          (System.nanoTime() - committing) / 1_000_000);
    } catch (StagingException e) {
      throw failed(e.staged.change, changes, applied, session, e.getCause());
    } catch (IOException | RuntimeException e) {
      throw failed(current, changes, applied, session, e);
    }
    LOG.info(
        "applied {} changes under {} ({} written, {} deleted) in {} ms",
        applied.size(),
        root,
        written,
        deleted,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /**
   * Cleans up after a failure: staged files and the directories this apply created that ended up
   * empty go (the journal names them), and the exception lists what was committed before.
   */
  private ApplyException failed(
      Change current,
      List<Change> changes,
      List<Change> applied,
      StagingArea.Session session,
      Throwable e) {
    try {
      if (session != null) {
        session.finish(false);
      } else {
        staging.recover();
      }
    } catch (IOException | RuntimeException cleanup) {
      LOG.warn(
          "could not clean up staging under {} after a failed apply: {}", root, cleanup.toString());
    }
    if (applied.size() == changes.size()) {
      // Only the final directory sync failed: report it against the last change.
      applied.remove(applied.size() - 1);
    }
    String message =
        "could not "
            + current.action().name().toLowerCase(Locale.ROOT)
            + " '"
            + current.key()
            + "' under "
            + root
            + ": "
            + reason(e);
    LOG.warn("{} ({} of {} changes applied before it)", message, applied.size(), changes.size());
    return new ApplyException(current, applied, message, e);
  }

  private static String reason(Throwable e) {
    if (e instanceof UnsafeResourceException || e instanceof TargetConfigException) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A staging step that failed, with the write it was for. */
  private static final class StagingException extends IOException {
    final transient Staged staged;

    StagingException(Staged staged, Throwable cause) {
      super(cause);
      this.staged = staged;
    }
  }

  /** Creates the root on first apply, after checking again that it is allowed. */
  private void ensureRoot() throws IOException {
    if (root.check()) {
      return;
    }
    List<Path> missing = new ArrayList<>();
    Path existing = root.path();
    while (root.stat(existing).isEmpty()) {
      missing.add(0, existing);
      existing = existing.getParent();
    }
    for (Path directory : missing) {
      try {
        Files.createDirectory(directory);
      } catch (FileAlreadyExistsException e) {
        // Environments whose roots share a parent may create it at the same moment; a real
        // directory made by the other is as good, anything else in the way is not.
        Optional<FileStat> made = root.stat(directory);
        if (made.isEmpty() || made.get().isSymlink() || !made.get().isDirectory()) {
          throw e;
        }
      }
      syncDirectory(directory.getParent());
    }
    if (!root.check()) {
      throw new IOException("root " + root + " vanished after it was created");
    }
    LOG.info("created target root {}", root);
  }

  /** A write prepared in a staged file, not yet renamed into place. */
  private static final class Staged {
    final Change change;
    final Path destination;
    final boolean inNewDirectory;
    volatile Path temp;

    Staged(Change change, Path destination, boolean inNewDirectory) {
      this.change = change;
      this.destination = destination;
      this.inNewDirectory = inNewDirectory;
    }
  }

  /** Writes the new content to a fsynced staged file (or a staged link). */
  private void stage(Staged s, StagingArea.Session session) throws StagingException {
    try {
      write(s, session);
    } catch (IOException | RuntimeException e) {
      throw new StagingException(s, e);
    }
  }

  private void write(Staged s, StagingArea.Session session) throws IOException {
    Resource after = s.change.after();
    String key = after.key().value();
    boolean decrypted = after.content().sealed().isPresent();
    Set<PosixFilePermission> mode =
        switch (after.kind()) {
          case FILE, EXECUTABLE -> permissions(FileMode.of(after, decryptedMode));
          case SYMLINK -> null;
          default -> throw unsafe(key, "is of kind " + after.kind() + ", not a file");
        };
    byte[] bytes = after.content().bytes();
    // A decrypted file's hash is keyed (it is not its Git blob id); its SOPS MAC vouched for it.
    if (!decrypted && !ContentHash.ofBytes(bytes).equals(after.hash())) {
      throw new IOException("the content of '" + key + "' does not match its hash");
    }
    Optional<FileStat> existing = s.inNewDirectory ? Optional.empty() : root.stat(s.destination);
    if (existing.isPresent() && existing.get().isDirectory()) {
      throw new IOException(
          "a directory is where the file should be; Driftless does not remove directories"
              + " it does not manage, so remove it by hand");
    }
    Path candidate = session.newTemp();
    if (mode == null) {
      // symlink(2) and CREATE_NEW (O_EXCL) fail rather than reuse anything already there.
      s.temp = Files.createSymbolicLink(candidate, Path.of(new String(bytes, UTF_8)));
      return;
    }
    FileChannel channel =
        FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    s.temp = candidate;
    try (channel) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      // Set explicitly: the mode given at creation would be cut by the process umask.
      Files.getFileAttributeView(candidate, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(mode);
      channel.force(true);
    }
  }

  private static Set<PosixFilePermission> permissions(int bits) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < order.length; i++) {
      if ((bits & (0400 >> i)) != 0) {
        set.add(order[i]);
      }
    }
    return set;
  }

  /** Renames a staged file or link over its destination. */
  private void commit(Staged s) throws IOException {
    seams.beforeRename().beforeRename(s.temp, s.destination);
    // rename(2) refuses to replace a directory that appeared since staging.
    Files.move(s.temp, s.destination, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Drops a written file's stat cache entry. Its stat is not recorded: the rename has just set its
   * ctime, so the entry would be racily clean ({@link StatCache}) and never trusted; the next read
   * hashes the file and records it. An {@code lstat} per written file saved.
   */
  private void forget(Staged s) {
    cache.forget(s.change.key().value());
  }

  /**
   * Walks down to the destination's directory, creating (and first journaling) what is missing,
   * refusing links and directories on another file system. Directories already checked in this
   * apply are not checked again.
   */
  private Path makeParents(
      RelativeFilePath path,
      Map<Path, Boolean> known,
      List<Path> created,
      StagingArea.Session session)
      throws IOException {
    Path directory = root.path();
    for (RelativeFilePath parent : path.parents()) {
      directory = parent.under(root.path());
      if (known.containsKey(directory)) {
        continue;
      }
      Optional<FileStat> stat = root.stat(directory);
      if (stat.isEmpty()) {
        session.journal(parent);
        Files.createDirectory(directory); // mkdir: fails rather than follow anything in the way
        created.add(directory);
      } else if (stat.get().isSymlink()) {
        throw unsafe(
            path.toString(), "would be written through the symlinked directory '" + parent + "'");
      } else if (!stat.get().isDirectory()) {
        throw new IOException(
            "'" + parent + "' is a " + stat.get().typeName() + ", not a directory");
      } else {
        session.checkSameFileSystem(directory, parent.toString());
      }
      known.put(directory, Boolean.TRUE);
    }
    return directory;
  }

  private void delete(ResourceKey key, Set<Path> toSync) throws IOException {
    RelativeFilePath path = RelativeFilePath.of(key);
    cache.forget(key.value());
    // Through a symlinked or missing parent, the file is not ours to delete: it is already gone.
    if (!root.parentsAreDirectories(path, new HashMap<>())) {
      return;
    }
    Path file = path.under(root.path());
    Optional<FileStat> stat = root.stat(file);
    if (stat.isEmpty()) {
      return;
    }
    if (stat.get().isDirectory()) {
      throw new IOException(
          "a directory is where the file was; Driftless does not remove directories it does not"
              + " manage, so remove it by hand");
    }
    Files.delete(file); // unlink: a symlink goes, its target stays
    Path directory = file.getParent();
    while (!directory.equals(root.path())) {
      try {
        Files.delete(directory);
      } catch (DirectoryNotEmptyException e) {
        break;
      } catch (IOException e) {
        LOG.warn("could not remove emptied directory {}: {}", directory, e.toString());
        break;
      }
      toSync.remove(directory);
      directory = directory.getParent();
    }
    // The deepest surviving directory holds the last removed entry.
    toSync.add(directory);
  }

  private static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
