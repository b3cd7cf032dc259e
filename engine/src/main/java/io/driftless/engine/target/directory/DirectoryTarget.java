package io.driftless.engine.target.directory;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory on the host as a target: each file under the environment's path is a resource whose
 * key is its path relative to the root, with '/' separators.
 *
 * <ul>
 *   <li>Kinds: {@link ResourceKind#FILE} is a regular file of mode 0644, {@link
 *       ResourceKind#EXECUTABLE} one of mode 0755 (read: the owner's execute bit), {@link
 *       ResourceKind#SYMLINK} a symlink whose content is its target. Other permission bits are set
 *       on write but not compared on read, as in Git.
 *   <li>Something else where a file is expected (a directory, FIFO, socket, device) is read as a
 *       resource of kind {@link ResourceKind#OBJECT} whose content describes it. It never equals a
 *       desired file, so the plan shows it, and {@link #apply} refuses to replace a directory (it
 *       never deletes what it does not manage) with a message saying so. It is not refused in
 *       {@link #validate}, because a plan may delete the files under that directory first, which
 *       removes it.
 *   <li>Safety: nothing is read, written or deleted outside the root, and never through a symlinked
 *       directory. Checks are made with {@code lstat} just before each operation; an attacker who
 *       can already write inside the root and races the target is out of scope.
 *   <li>Writes are atomic and durable: temp file in the same directory, fsync, rename, fsync of the
 *       directory; the fsyncs of one apply are batched (see {@link #apply}).
 * </ul>
 *
 * <p>Opened by {@link DirectoryTargetFactory}. Not meant for concurrent use: one run per
 * environment at a time.
 */
public final class DirectoryTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTarget.class);
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> EXECUTABLE_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final int HASH_BUFFER = 64 * 1024;
  private static final Duration MIN_HEALTH_RUN = Duration.ofSeconds(1);
  private static final int IO_THREADS = 8;
  private static final int READ_CHUNK = 512;

  private final TargetSpec.Directory spec;
  private final Path root;
  private final AllowedRoots allowedRoots;
  private final StatCache cache;
  private final Clock clock;
  private final Seams seams;
  private final AtomicLong filesHashed = new AtomicLong();

  /**
   * @param root the real path of the spec's root, already checked against {@code allowedRoots}
   */
  DirectoryTarget(
      TargetSpec.Directory spec,
      Path root,
      AllowedRoots allowedRoots,
      StatCache cache,
      Clock clock,
      Seams seams) {
    this.spec = spec;
    this.root = root;
    this.allowedRoots = allowedRoots;
    this.cache = cache;
    this.clock = clock;
    this.seams = seams;
  }

  /** The real path this target writes under. */
  public Path root() {
    return root;
  }

  // ---------------------------------------------------------------- validate

  /**
   * Refuses, before anything is written: keys that are absolute or have empty, {@code .} or {@code
   * ..} segments; a key that is a file and also a directory of another key; kinds other than file,
   * executable and symlink; a symlink whose target is absolute, leaves the root, or is not stored
   * verbatim by the filesystem; a key whose existing parent inside the root is a symlink.
   */
  @Override
  public void validate(DesiredState desired) {
    boolean rootExists = checkRoot();
    NavigableSet<String> keys = new TreeSet<>();
    desired.resources().keySet().forEach(key -> keys.add(key.value()));
    Set<String> realDirectories = new HashSet<>();
    for (Resource resource : desired.resources().values()) {
      String key = resource.key().value();
      RelativeFilePath path = RelativeFilePath.of(resource.key());
      String nested = keys.ceiling(key + "/");
      if (nested != null && nested.startsWith(key + "/")) {
        throw unsafe(key, "is a file and also the directory of '" + nested + "'");
      }
      switch (resource.kind()) {
        case FILE, EXECUTABLE -> {}
        case SYMLINK -> checkLink(path, resource);
        default ->
            throw unsafe(
                key,
                "is of kind "
                    + resource.kind()
                    + "; a directory target holds files, executables and symlinks");
      }
      if (rootExists) {
        checkNoSymlinkedParent(path, realDirectories);
      }
    }
    LOG.debug("validated {} resources for {}", desired.size(), root);
  }

  private void checkLink(RelativeFilePath path, Resource link) {
    String key = path.toString();
    byte[] bytes = link.content().bytes();
    String target = new String(bytes, UTF_8);
    if (!Arrays.equals(target.getBytes(UTF_8), bytes)) {
      throw unsafe(key, "is a symlink whose target is not UTF-8");
    }
    if (path.resolveLink(target).isEmpty()) {
      throw unsafe(key, "is a symlink that points outside the target: '" + target + "'");
    }
    if (!Path.of(target).toString().equals(target)) {
      // The filesystem would store a normalized target, which would then look like drift forever.
      throw unsafe(
          key, "is a symlink with a doubled or trailing '/' in its target: '" + target + "'");
    }
  }

  private void checkNoSymlinkedParent(RelativeFilePath path, Set<String> realDirectories) {
    for (RelativeFilePath parent : path.parents()) {
      String name = parent.toString();
      if (realDirectories.contains(name)) {
        continue;
      }
      Optional<FileStat> stat = stat(parent.under(root));
      if (stat.isEmpty() || !stat.get().isDirectory()) {
        if (stat.isPresent() && stat.get().isSymlink()) {
          throw unsafe(
              path.toString(), "would be written through the symlinked directory '" + name + "'");
        }
        return; // Missing (created on apply) or a file (apply decides: a delete may come first).
      }
      realDirectories.add(name);
    }
  }

  // ---------------------------------------------------------------- read

  /**
   * Reads with {@code lstat}, never following a symlink and never changing anything. A key whose
   * parent is missing, a file or a symlink is absent; a key that is not a safe relative path is
   * left out (logged), as it cannot be inside the root. A regular file's hash comes from the stat
   * cache when its stat is unchanged; its bytes are read only when {@link Content#bytes()} is
   * called, and refused if they no longer match the hash.
   */
  @Override
  public LiveState read(Set<ResourceKey> keys) {
    if (!checkRoot()) {
      LOG.debug("root {} does not exist yet; nothing is live", root);
      return LiveState.empty();
    }
    long hashedBefore = filesHashed.get();
    List<ResourceKey> ordered = new ArrayList<>(keys);
    Map<String, Boolean> realDirectories = new ConcurrentHashMap<>();
    // Reading is one lstat per key (and a hash where the stat cache cannot vouch for a file):
    // system calls, so large reads are split across a few threads.
    int chunks = Math.max(1, Math.min(IO_THREADS, ordered.size() / READ_CHUNK));
    int size = (ordered.size() + chunks - 1) / chunks;
    List<List<ResourceKey>> slices = new ArrayList<>(chunks);
    for (int i = 0; i * size < ordered.size(); i++) {
      slices.add(ordered.subList(i * size, Math.min(ordered.size(), (i + 1) * size)));
    }
    Queue<Resource> found = new ConcurrentLinkedQueue<>();
    try {
      parallel(slices, slice -> found.addAll(readKeys(slice, realDirectories)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read under " + root, e);
    } catch (StagingException e) {
      throw new IllegalStateException("reading stages nothing", e);
    }
    TreeMap<ResourceKey, Resource> live = new TreeMap<>();
    for (Resource resource : found) {
      live.put(resource.key(), resource);
    }
    LOG.debug(
        "read {} of {} keys under {}; hashed {} files",
        live.size(),
        keys.size(),
        root,
        filesHashed.get() - hashedBefore);
    return new LiveState(live);
  }

  private List<Resource> readKeys(List<ResourceKey> keys, Map<String, Boolean> realDirectories) {
    List<Resource> found = new ArrayList<>(keys.size());
    for (ResourceKey key : keys) {
      RelativeFilePath path;
      try {
        path = RelativeFilePath.of(key);
      } catch (UnsafeResourceException e) {
        LOG.warn("not reading {} under {}: {}", key, root, e.getMessage());
        continue;
      }
      Optional<FileStat> stat =
          parentsAreDirectories(path, realDirectories) ? stat(path.under(root)) : Optional.empty();
      if (stat.isEmpty()) {
        cache.forget(key.value());
        continue;
      }
      found.add(resourceAt(key, path.under(root), stat.get()));
    }
    return found;
  }

  private static Thread ioThread(Runnable r) {
    Thread t = new Thread(r, "driftless-directory-io");
    t.setDaemon(true);
    return t;
  }

  private Resource resourceAt(ResourceKey key, Path file, FileStat stat) {
    try {
      if (stat.isRegularFile()) {
        ResourceKind kind = stat.isOwnerExecutable() ? ResourceKind.EXECUTABLE : ResourceKind.FILE;
        ContentHash hash = cache.lookup(key.value(), stat).orElse(null);
        if (hash == null) {
          hash = hashFile(key.value(), file, stat);
        }
        ContentHash expected = hash;
        return new Resource(key, kind, Content.lazy(hash, () -> load(key, file, expected)));
      }
      cache.forget(key.value());
      if (stat.isSymlink()) {
        String target = Files.readSymbolicLink(file).toString();
        return new Resource(key, ResourceKind.SYMLINK, Content.of(target.getBytes(UTF_8)));
      }
      String description = "(a " + stat.typeName() + " is here, not a file)\n";
      return new Resource(key, ResourceKind.OBJECT, Content.of(description.getBytes(UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + key + "' under " + root, e);
    }
  }

  /** Hashes a file as a Git blob, streaming it, and records the hash when the file held still. */
  private ContentHash hashFile(String key, Path file, FileStat stat) throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      ContentHash hash;
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        long size = channel.size();
        MessageDigest sha1 = sha1();
        sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(HASH_BUFFER, Math.max(size, 1)));
        long read = 0;
        int n;
        while ((n = channel.read(buffer)) >= 0) {
          buffer.flip();
          sha1.update(buffer);
          buffer.clear();
          read += n;
        }
        if (read != size) {
          continue; // It changed while we read it; the header would be wrong.
        }
        hash = new ContentHash(HexFormat.of().formatHex(sha1.digest()));
      }
      filesHashed.incrementAndGet();
      Optional<FileStat> after = stat(file);
      if (after.isPresent() && after.get().equals(stat)) {
        cache.record(key, stat, hash, clock.instant());
      } else {
        cache.forget(key);
      }
      return hash;
    }
    throw new IOException("'" + key + "' kept changing while it was read");
  }

  private byte[] load(ResourceKey key, Path file, ContentHash expected) {
    byte[] bytes;
    try (InputStream in =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load '" + key + "' under " + root, e);
    }
    if (!ContentHash.ofBytes(bytes).equals(expected)) {
      throw new IllegalStateException(
          "'" + key + "' under " + root + " changed after it was read; read it again");
    }
    return bytes;
  }

  private boolean parentsAreDirectories(RelativeFilePath path, Map<String, Boolean> known) {
    for (RelativeFilePath parent : path.parents()) {
      Boolean directory = known.get(parent.toString());
      if (directory == null) {
        Optional<FileStat> stat = stat(parent.under(root));
        directory = stat.isPresent() && stat.get().isDirectory();
        known.put(parent.toString(), directory);
      }
      if (!directory) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- apply

  /**
   * Applies the changes in three steps, so that each file is replaced atomically and durably and a
   * problem found early applies nothing. Stage: every create or update is written to a temp file
   * next to its destination with its mode (missing parents are created, symlinked ones refused, a
   * directory in the way refused). Sync: every temp file is fsynced, several at once. Commit: in
   * plan order, each temp file is renamed over its destination and each delete unlinks its file
   * (removing the directories it left empty, up to but excluding the root); then every touched
   * directory is fsynced. On failure no temp file is left behind, and the {@link ApplyException}
   * lists the changes committed before it.
   */
  @Override
  public void apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<Change> applied = new ArrayList<>(changes.size());
    List<Staged> staged = new ArrayList<>();
    List<Path> createdDirectories = new ArrayList<>();
    Set<Path> toSync = new LinkedHashSet<>();
    Change current = changes.get(0);
    int written = 0;
    int deleted = 0;
    try {
      ensureRoot();
      // 1. Parents first, in order: mkdir is cheap and must not race with itself.
      Map<Path, Boolean> knownDirectories = new HashMap<>();
      for (Change change : changes) {
        current = change;
        if (change.action() != ChangeAction.DELETE) {
          RelativeFilePath path = RelativeFilePath.of(change.key());
          int created = createdDirectories.size();
          Path directory = makeParents(path, knownDirectories, createdDirectories);
          toSync.add(directory);
          for (Path parent : createdDirectories.subList(created, createdDirectories.size())) {
            toSync.add(parent.getParent());
          }
          staged.add(new Staged(change, path.under(root)));
        }
      }
      // 2. Stage every write in a fsynced temp file next to its destination: nothing visible
      //    changes yet, so a problem found here (a directory in the way) applies nothing. Files are
      //    staged several at a time: the work is system calls, and parallel fsyncs let the
      //    filesystem group them into few journal commits.
      long parents = System.nanoTime();
      parallel(staged, this::stage);
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
      parallel(List.copyOf(toSync), DirectoryTarget::syncDirectory);
      parallel(staged, this::remember);
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
      throw failed(e.staged.change, changes, applied, staged, createdDirectories, e.getCause());
    } catch (IOException | RuntimeException e) {
      throw failed(current, changes, applied, staged, createdDirectories, e);
    }
    LOG.info(
        "applied {} changes under {} ({} written, {} deleted) in {} ms",
        applied.size(),
        root,
        written,
        deleted,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  private ApplyException failed(
      Change current,
      List<Change> changes,
      List<Change> applied,
      List<Staged> staged,
      List<Path> createdDirectories,
      Throwable e) {
    for (Staged s : staged) {
      if (!s.committed) {
        cleanUp(s.temp);
      }
    }
    removeEmpty(createdDirectories);
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

  /** A step of apply run on one item; may fail with an I/O error. */
  @FunctionalInterface
  private interface Step<T> {
    void run(T item) throws IOException;
  }

  /** A staging step that failed, with the write it was for. */
  private static final class StagingException extends Exception {
    final Staged staged;

    StagingException(Staged staged, Throwable cause) {
      super(cause);
      this.staged = staged;
    }
  }

  /**
   * Runs {@code step} on every item, several at a time; the first failure in list order is thrown.
   */
  private static <T> void parallel(List<T> items, Step<T> step)
      throws IOException, StagingException {
    int threads = Math.min(IO_THREADS, items.size());
    if (threads <= 1) {
      for (T item : items) {
        run(step, item);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, DirectoryTarget::ioThread);
    try {
      List<Future<?>> pending = new ArrayList<>(items.size());
      for (T item : items) {
        pending.add(
            pool.submit(
                () -> {
                  run(step, item);
                  return null;
                }));
      }
      // Wait for every task, so that nothing is still writing when a failure is cleaned up.
      Throwable first = null;
      for (Future<?> f : pending) {
        try {
          f.get();
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
        }
      }
      if (first instanceof StagingException staging) {
        throw staging;
      }
      if (first instanceof IOException io) {
        throw io;
      }
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (first != null) {
        throw new IOException(first);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while applying", e);
    } finally {
      pool.shutdown();
    }
  }

  private static <T> void run(Step<T> step, T item) throws IOException, StagingException {
    try {
      step.run(item);
    } catch (IOException | RuntimeException e) {
      if (item instanceof Staged staged) {
        throw new StagingException(staged, e);
      }
      throw e;
    }
  }

  /** Creates the root on first apply, after checking again that it is allowed. */
  private void ensureRoot() throws IOException {
    if (checkRoot()) {
      return;
    }
    List<Path> missing = new ArrayList<>();
    Path existing = root;
    while (stat(existing).isEmpty()) {
      missing.add(0, existing);
      existing = existing.getParent();
    }
    for (Path directory : missing) {
      Files.createDirectory(directory);
      syncDirectory(directory.getParent());
    }
    if (!checkRoot()) {
      throw new IOException("root " + root + " vanished after it was created");
    }
    LOG.info("created target root {}", root);
  }

  /** A write prepared in a temp file beside its destination, not yet renamed into place. */
  private static final class Staged {
    final Change change;
    final Path destination;
    volatile Path temp;
    volatile boolean file;
    volatile boolean committed;

    Staged(Change change, Path destination) {
      this.change = change;
      this.destination = destination;
    }
  }

  /** Writes the new content to a fsynced temp file (or a temp link) beside its destination. */
  private void stage(Staged s) throws IOException {
    Resource after = s.change.after();
    String key = after.key().value();
    Set<PosixFilePermission> mode =
        switch (after.kind()) {
          case FILE -> FILE_MODE;
          case EXECUTABLE -> EXECUTABLE_MODE;
          case SYMLINK -> null;
          default -> throw unsafe(key, "is of kind " + after.kind() + ", not a file");
        };
    byte[] bytes = after.content().bytes();
    if (!ContentHash.ofBytes(bytes).equals(after.hash())) {
      throw new IOException("the content of '" + key + "' does not match its hash");
    }
    Optional<FileStat> existing = stat(s.destination);
    if (existing.isPresent() && existing.get().isDirectory()) {
      throw new IOException(
          "a directory is where the file should be; Driftless does not remove directories"
              + " it does not manage, so remove it by hand");
    }
    Path candidate = tempName(s.destination.getParent());
    if (mode == null) {
      // symlink(2) and CREATE_NEW (O_EXCL) fail rather than reuse anything already there, so
      // what we clean up is always ours.
      s.temp = Files.createSymbolicLink(candidate, Path.of(new String(bytes, UTF_8)));
      return;
    }
    FileChannel channel =
        FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    s.temp = candidate;
    s.file = true;
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

  /** Renames a staged temp file or link over its destination. */
  private void commit(Staged s) throws IOException {
    seams.beforeRename().beforeRename(s.temp, s.destination);
    // rename(2) refuses to replace a directory that appeared since staging.
    Files.move(s.temp, s.destination, StandardCopyOption.ATOMIC_MOVE);
    s.committed = true;
  }

  /** Records a written file in the stat cache, so the next no-op read need not hash it. */
  private void remember(Staged s) {
    String key = s.change.key().value();
    if (!s.file) {
      cache.forget(key);
      return;
    }
    Optional<FileStat> written = stat(s.destination);
    if (written.isPresent()) {
      cache.record(key, written.get(), s.change.after().hash(), clock.instant());
    }
  }

  /**
   * Walks down to the destination's directory, creating what is missing, refusing links.
   * Directories already checked in this apply are not checked again.
   */
  private Path makeParents(RelativeFilePath path, Map<Path, Boolean> known, List<Path> created)
      throws IOException {
    Path directory = root;
    for (RelativeFilePath parent : path.parents()) {
      directory = parent.under(root);
      if (known.containsKey(directory)) {
        continue;
      }
      Optional<FileStat> stat = stat(directory);
      if (stat.isEmpty()) {
        Files.createDirectory(directory); // mkdir: fails rather than follow anything in the way
        created.add(directory);
      } else if (stat.get().isSymlink()) {
        throw unsafe(
            path.toString(), "would be written through the symlinked directory '" + parent + "'");
      } else if (!stat.get().isDirectory()) {
        throw new IOException(
            "'" + parent + "' is a " + stat.get().typeName() + ", not a directory");
      }
      known.put(directory, Boolean.TRUE);
    }
    return directory;
  }

  private static Path tempName(Path directory) {
    return directory.resolve(
        RelativeFilePath.TEMP_PREFIX
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
  }

  private void cleanUp(Path temp) {
    try {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      LOG.warn("could not remove temp file {}: {}", temp, e.toString());
    }
  }

  /** Removes directories this apply created, deepest first, where they ended up empty. */
  private void removeEmpty(List<Path> createdDirectories) {
    for (int i = createdDirectories.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(createdDirectories.get(i));
      } catch (DirectoryNotEmptyException e) {
        // It holds files that were applied: keep it.
      } catch (IOException e) {
        LOG.warn(
            "could not clean up {} after a failed apply: {}",
            createdDirectories.get(i),
            e.toString());
      }
    }
  }

  private void delete(ResourceKey key, Set<Path> toSync) throws IOException {
    RelativeFilePath path = RelativeFilePath.of(key);
    cache.forget(key.value());
    // Through a symlinked or missing parent, the file is not ours to delete: it is already gone.
    if (!parentsAreDirectories(path, new HashMap<>())) {
      return;
    }
    Path file = path.under(root);
    Optional<FileStat> stat = stat(file);
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
    while (!directory.equals(root)) {
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

  // ---------------------------------------------------------------- commands

  /** Runs the spec's post-apply command in the root, if it has one. */
  @Override
  public Optional<CommandResult> postApply() {
    return spec.postApplyCommand()
        .map(command -> commands().run("postApply", command, command.timeout()));
  }

  /**
   * Without a health check, healthy at once. Otherwise runs the check until it exits 0 or {@code
   * timeout} has passed on the target's clock, pausing between runs; each run is bounded by the
   * check's own timeout and by what is left of {@code timeout}, but always runs at least once.
   */
  @Override
  public HealthReport health(Duration timeout) {
    Optional<CommandSpec> check = spec.healthCheckCommand();
    if (check.isEmpty()) {
      return HealthReport.healthy("no health check configured");
    }
    CommandSpec command = check.get();
    CommandRunner runner = commands();
    Instant deadline = clock.instant().plus(timeout);
    int attempts = 0;
    while (true) {
      // A run is cut to what is left, but always gets a fair chance; the deadline may be
      // overshot by at most MIN_HEALTH_RUN.
      Duration left = Duration.between(clock.instant(), deadline);
      Duration bound =
          min(command.timeout(), left.compareTo(MIN_HEALTH_RUN) < 0 ? MIN_HEALTH_RUN : left);
      CommandResult result = runner.run("healthCheck", command, bound);
      attempts++;
      if (result.succeeded()) {
        return new HealthReport(
            Health.HEALTHY,
            "health check passed" + (attempts > 1 ? " after " + attempts + " attempts" : ""),
            result.output());
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        return degraded(timeout, attempts, result);
      }
      Duration pause = min(seams.healthInterval(), Duration.between(now, deadline));
      try {
        seams.sleeper().sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HealthReport(Health.UNKNOWN, "interrupted while waiting", result.output());
      }
      if (!clock.instant().isBefore(deadline)) {
        return degraded(timeout, attempts, result);
      }
    }
  }

  private HealthReport degraded(Duration timeout, int attempts, CommandResult last) {
    String outcome =
        last.timedOut() ? "timed out after " + last.duration() : "exited " + last.exitCode();
    String message =
        "health check did not pass within "
            + timeout
            + " ("
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + "; last "
            + outcome
            + ")";
    LOG.warn("{} for {}", message, root);
    return new HealthReport(Health.DEGRADED, message, last.output());
  }

  @Override
  public Duration healthTimeout() {
    return spec.healthTimeout();
  }

  private CommandRunner commands() {
    String path = System.getenv("PATH");
    return new CommandRunner(
        root,
        Map.of(
            "PATH",
            path == null || path.isBlank() ? DEFAULT_PATH : path,
            "DRIFTLESS_TARGET_ROOT",
            root.toString()));
  }

  // ---------------------------------------------------------------- shared

  /** Checks again that the root is allowed and is a directory; false when it does not exist yet. */
  boolean checkRoot() {
    Path real = allowedRoots.resolveInside(spec.root());
    if (!real.equals(root)) {
      throw new TargetConfigException(
          "target.root", "root " + spec.root() + " now leads to " + real + ", not " + root);
    }
    Optional<FileStat> stat = stat(root);
    if (stat.isEmpty()) {
      return false;
    }
    if (!stat.get().isDirectory()) {
      throw new TargetConfigException(
          "target.root", "root " + root + " is a " + stat.get().typeName() + ", not a directory");
    }
    return true;
  }

  private Optional<FileStat> stat(Path path) {
    try {
      return FileStat.of(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + path, e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static UnsafeResourceException unsafe(String key, String why) {
    return new UnsafeResourceException(key, "file '" + key + "' " + why);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }

  /** How many files this target has hashed: a test sees the stat cache at work. */
  long filesHashed() {
    return filesHashed.get();
  }

  /** How many files the stat cache of this root holds. */
  int cachedFiles() {
    return cache.size();
  }
}
