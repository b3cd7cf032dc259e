package io.driftless.ssh.target;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.UnsafeResourceException;
import io.driftless.ssh.RemoteFiles;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.RemoteStat;
import io.driftless.ssh.SshHost;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one host's files under the root over SFTP with {@code lstat}, never following a symlink and
 * never changing anything. A regular file's hash comes from the host's {@link StatCache} when its
 * stat is unchanged, so a no-op check reads no file content; otherwise the file is read once,
 * hashed, and its content kept for the diff.
 */
final class HostReader {
  private static final Logger LOG = LoggerFactory.getLogger(HostReader.class);

  /** The largest file read; a managed file is configuration, not a data set. */
  static final int MAX_FILE = 64 * 1024 * 1024;

  private final RemotePath root;
  private final Clock clock;
  private final AtomicLong filesRead;

  /**
   * @param filesRead counts the file contents read, for a test to see the stat cache at work
   */
  HostReader(RemotePath root, Clock clock, AtomicLong filesRead) {
    this.root = root;
    this.clock = clock;
    this.filesRead = filesRead;
  }

  /**
   * The live resources of {@code paths} on {@code host}, under their placed keys. A path whose
   * parent is missing, a file or a symlink is absent; an unsafe path is left out.
   */
  List<Resource> read(
      SshHost host, RemoteFiles files, List<ResourceKey> paths, StatCache<RemoteStat> cache) {
    if (!rootIsDirectory(files)) {
      return List.of();
    }
    Map<String, Boolean> realDirectories = new HashMap<>();
    List<Resource> found = new ArrayList<>(paths.size());
    for (ResourceKey key : paths) {
      readOne(host, files, key, realDirectories, cache).ifPresent(found::add);
    }
    return found;
  }

  /** The live resource at one path, absent when nothing (or nothing reachable) is there. */
  private Optional<Resource> readOne(
      SshHost host,
      RemoteFiles files,
      ResourceKey key,
      Map<String, Boolean> realDirectories,
      StatCache<RemoteStat> cache) {
    RelativeFilePath path;
    try {
      path = RelativeFilePath.of(key);
    } catch (UnsafeResourceException e) {
      LOG.warn("not reading {} on {}: {}", key, host, e.getMessage());
      return Optional.empty();
    }
    ResourceKey placed = new HostPath(host, path).key();
    RemotePath file = root.resolve(path.toString());
    Optional<RemoteStat> stat =
        parentsAreDirectories(files, path, realDirectories) ? files.lstat(file) : Optional.empty();
    if (stat.isEmpty()) {
      cache.forget(placed.value());
    }
    return stat.map(found -> resourceAt(files, placed, file, found, cache));
  }

  private boolean rootIsDirectory(RemoteFiles files) {
    Optional<RemoteStat> stat = files.lstat(root);
    return stat.isPresent() && stat.get().isDirectory();
  }

  /** Whether every parent of {@code path} is a real directory on the host. */
  boolean parentsAreDirectories(
      RemoteFiles files, RelativeFilePath path, Map<String, Boolean> known) {
    for (RelativeFilePath parent : path.parents()) {
      Boolean directory =
          known.computeIfAbsent(
              parent.toString(),
              p -> files.lstat(root.resolve(p)).map(RemoteStat::isDirectory).orElse(false));
      if (!directory) {
        return false;
      }
    }
    return true;
  }

  private Resource resourceAt(
      RemoteFiles files,
      ResourceKey key,
      RemotePath file,
      RemoteStat stat,
      StatCache<RemoteStat> cache) {
    if (stat.isRegularFile()) {
      ResourceKind kind = stat.isOwnerExecutable() ? ResourceKind.EXECUTABLE : ResourceKind.FILE;
      Optional<ContentHash> known = cache.lookup(key.value(), stat);
      if (known.isPresent()) {
        return new Resource(
            key, kind, Content.lazy(known.get(), () -> load(files, file, known.get())));
      }
      byte[] bytes = files.readAll(file, MAX_FILE);
      filesRead.incrementAndGet();
      Content content = Content.of(bytes);
      if (files.lstat(file).equals(Optional.of(stat))) {
        cache.record(key.value(), stat, content.hash(), clock.instant());
      } else {
        cache.forget(key.value());
      }
      return new Resource(key, kind, content);
    }
    cache.forget(key.value());
    if (stat.isSymlink()) {
      return new Resource(
          key, ResourceKind.SYMLINK, Content.of(files.readLink(file).getBytes(UTF_8)));
    }
    String description = "(a " + stat.typeName() + " is here, not a file)\n";
    return new Resource(key, ResourceKind.OBJECT, Content.of(description.getBytes(UTF_8)));
  }

  private byte[] load(RemoteFiles files, RemotePath file, ContentHash expected) {
    byte[] bytes = files.readAll(file, MAX_FILE);
    filesRead.incrementAndGet();
    if (!ContentHash.ofBytes(bytes).equals(expected)) {
      throw new IllegalStateException(
          file + " on " + files.host() + " changed after it was read; read it again");
    }
    return bytes;
  }
}
