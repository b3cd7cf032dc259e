package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.TargetRoot.unsafe;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 *   <li>Writes are atomic and durable: staged under the root's reserved {@link StagingLayout
 *       staging directory}, fsynced, renamed into place, then the directory is fsynced; the fsyncs
 *       of one apply are batched. Nothing staged ever shows among the root's files, and what an
 *       interrupted apply left is removed by the next run ({@link #recover}).
 * </ul>
 *
 * <p>The work is split by concern: {@link DirectoryReader} reads (with the stat cache), {@link
 * DurableApplier} applies (staging, fsync, rename, directory sync), {@link DirectoryCommands} runs
 * the post-apply and health commands. Opened by {@link DirectoryTargetFactory}. Not meant for
 * concurrent use: one run per environment at a time.
 */
public final class DirectoryTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTarget.class);

  private final TargetRoot root;
  private final StatCache<FileStat> cache;
  private final StagingArea staging;
  private final DirectoryReader reader;
  private final DurableApplier applier;
  private final DirectoryCommands commands;

  DirectoryTarget(
      TargetRoot root,
      StagingLayout layout,
      StatCache<FileStat> cache,
      CommandPolicy commands,
      Clock clock,
      Seams seams,
      FileMode decryptedMode) {
    this.root = root;
    this.cache = cache;
    this.staging = new StagingArea(root, layout);
    this.reader = new DirectoryReader(root, cache, clock);
    this.applier = new DurableApplier(root, staging, cache, seams, decryptedMode);
    this.commands = new DirectoryCommands(root.spec(), root.path(), commands, clock, seams);
  }

  /** The real path this target writes under. */
  public Path root() {
    return root.path();
  }

  /**
   * Refuses, before anything is written: keys that are absolute, have empty, {@code .} or {@code
   * ..} segments, or lie under the staging directory; a key that is a file and also a directory of
   * another key; kinds other than file, executable and symlink; a symlink whose target is absolute,
   * leaves the root, or is not stored verbatim by the filesystem; a key whose existing parent
   * inside the root is a symlink.
   */
  @Override
  public void validate(DesiredState desired) {
    boolean rootExists = root.check();
    RelativeFilePath.checkTree(desired.resources().values(), "a directory target");
    if (rootExists) {
      Set<String> realDirectories = new HashSet<>();
      for (Resource resource : desired.resources().values()) {
        checkNoSymlinkedParent(RelativeFilePath.of(resource.key()), realDirectories);
      }
    }
    LOG.debug("validated {} resources for {}", desired.size(), root);
  }

  /**
   * {@link #validate} for the resources of {@code keys} only (each against every desired key): the
   * others are as they were last applied, when they passed it.
   */
  @Override
  public void validateSome(DesiredState desired, Set<ResourceKey> keys) {
    List<Resource> some = new ArrayList<>();
    for (ResourceKey key : keys) {
      Resource resource = desired.get(key);
      if (resource != null) {
        some.add(resource);
      }
    }
    boolean rootExists = root.check();
    RelativeFilePath.checkSome(desired.resources(), some, "a directory target");
    Set<String> realDirectories = new HashSet<>();
    for (Resource resource : rootExists ? some : List.<Resource>of()) {
      checkNoSymlinkedParent(RelativeFilePath.of(resource.key()), realDirectories);
    }
  }

  private void checkNoSymlinkedParent(RelativeFilePath path, Set<String> realDirectories) {
    for (RelativeFilePath parent : path.parents()) {
      String name = parent.toString();
      if (realDirectories.contains(name)) {
        continue;
      }
      Optional<FileStat> stat = root.stat(parent.under(root.path()));
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

  /**
   * Reads with {@code lstat}, never following a symlink and never changing anything. A key whose
   * parent is missing, a file or a symlink is absent; a key that is not a safe relative path (or
   * lies under the staging directory) is left out (logged), as it cannot be a managed file. A
   * regular file's hash comes from the stat cache when its stat is unchanged; its bytes are read
   * only when {@link Content#bytes()} is called, and refused if they no longer match the hash.
   */
  @Override
  public LiveState read(Set<ResourceKey> keys) {
    return reader.read(keys);
  }

  /**
   * Removes what an interrupted apply of this environment left under the root: its staged files,
   * and the directories it created that hold nothing. Nothing when the last apply finished.
   */
  @Override
  public void recover() {
    if (!root.check()) {
      return;
    }
    try {
      staging.recover();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove what an interrupted apply left under " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Applies the changes in four steps, so that each file is replaced atomically and durably and a
   * problem found early applies nothing. First, what an interrupted apply left is removed ({@link
   * #recover}). Parents: missing parents are created (each journaled first), symlinked ones or ones
   * on another file system refused. Stage: every create or update is written to a file in the
   * staging directory with its mode (a directory in the way refused), and fsynced, several at once.
   * Commit: in plan order, each staged file is renamed over its destination and each delete unlinks
   * its file (removing the directories it left empty, up to but excluding the root); then every
   * touched directory is fsynced. On failure no staged file is left behind, nor a directory this
   * apply created that holds nothing, and the {@link ApplyException} lists the changes committed
   * before it.
   */
  @Override
  public void apply(List<Change> changes) {
    applier.apply(changes);
  }

  /** Runs the spec's post-apply command in the root, if it has one. */
  @Override
  public Optional<CommandResult> postApply() {
    return commands.postApply();
  }

  /**
   * Without a health check, healthy at once. Otherwise runs the check until it exits 0 or {@code
   * timeout} has passed on the target's clock, pausing between runs; each run is bounded by the
   * check's own timeout and by what is left of {@code timeout}, but always runs at least once.
   */
  @Override
  public HealthReport health(Duration timeout) {
    return commands.health(timeout);
  }

  @Override
  public Duration healthTimeout() {
    return root.spec().healthTimeout();
  }

  /** Checks again that the root is allowed and is a directory; false when it does not exist yet. */
  boolean checkRoot() {
    return root.check();
  }

  /** How many files this target has hashed: a test sees the stat cache at work. */
  long filesHashed() {
    return reader.filesHashed();
  }

  /** How many files the stat cache of this root holds. */
  int cachedFiles() {
    return cache.size();
  }
}
