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
import io.driftless.ssh.RemoteEntry;
import io.driftless.ssh.RemoteFileException;
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
 * Reads one host's files under the root over SFTP, never following a symlink and never changing
 * anything. Each directory that holds wanted paths is listed once ({@code READDIR}, whose entries
 * carry their {@code lstat}), so the stat of every file costs a round trip per hundred entries
 * rather than one per file. A regular file's hash comes from the host's {@link StatCache} when its
 * stat is unchanged, so a no-op check reads no file content; otherwise the file is read once,
 * hashed, and its content kept for the diff.
 */
final class HostReader {
  private static final Logger LOG = LoggerFactory.getLogger(HostReader.class);

  /** The largest file read; a managed file is configuration, not a data set. */
  static final int MAX_FILE = 64 * 1024 * 1024;

  /** The most entries a directory under the root may hold to be listed. */
  static final int MAX_DIRECTORY_ENTRIES = 250_000;

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
    Listings listings = new Listings(files);
    List<Resource> found = new ArrayList<>(paths.size());
    for (ResourceKey key : paths) {
      readOne(host, files, key, listings, cache).ifPresent(found::add);
    }
    return found;
  }

  /** The live resource at one path, absent when nothing (or nothing reachable) is there. */
  private Optional<Resource> readOne(
      SshHost host,
      RemoteFiles files,
      ResourceKey key,
      Listings listings,
      StatCache<RemoteStat> cache) {
    RelativeFilePath path;
    try {
      path = RelativeFilePath.of(key);
    } catch (UnsafeResourceException e) {
      LOG.warn("not reading {} on {}: {}", key, host, e.getMessage());
      return Optional.empty();
    }
    ResourceKey placed = new HostPath(host, path).key();
    Optional<RemoteStat> stat = listings.lstat(path);
    if (stat.isEmpty()) {
      cache.forget(placed.value());
    }
    return stat.map(
        found -> resourceAt(files, placed, root.resolve(path.toString()), found, cache));
  }

  private boolean rootIsDirectory(RemoteFiles files) {
    Optional<RemoteStat> stat = files.lstat(root);
    return stat.isPresent() && stat.get().isDirectory();
  }

  /**
   * The directories under the root listed in one read, each at most once: the root (checked to be a
   * real directory first), and a directory below only when its parent's listing shows it as a real
   * directory (not a symlink to one), so no listing passes through a symlink.
   */
  private final class Listings {
    private final RemoteFiles files;
    private final Map<String, Optional<Map<String, RemoteStat>>> listed = new HashMap<>();

    Listings(RemoteFiles files) {
      this.files = files;
    }

    /** What is at {@code path}, as its directory's listing shows it; empty when nothing is. */
    Optional<RemoteStat> lstat(RelativeFilePath path) {
      List<String> segments = path.segments();
      return entries(segments.subList(0, segments.size() - 1))
          .map(entries -> entries.get(segments.get(segments.size() - 1)));
    }

    /** The entries of the directory at {@code segments}; empty when it is not a real directory. */
    private Optional<Map<String, RemoteStat>> entries(List<String> segments) {
      String directory = String.join("/", segments);
      Optional<Map<String, RemoteStat>> known = listed.get(directory);
      if (known != null) {
        return known;
      }
      Optional<Map<String, RemoteStat>> entries;
      if (segments.isEmpty()) {
        entries = Optional.of(list(root));
      } else {
        boolean isDirectory =
            lstat(new RelativeFilePath(segments)).map(RemoteStat::isDirectory).orElse(false);
        entries = isDirectory ? Optional.of(list(root.resolve(directory))) : Optional.empty();
      }
      listed.put(directory, entries);
      return entries;
    }

    private Map<String, RemoteStat> list(RemotePath directory) {
      Map<String, RemoteStat> entries = new HashMap<>();
      try {
        for (RemoteEntry entry : files.listDirectory(directory, MAX_DIRECTORY_ENTRIES)) {
          entries.put(entry.path().name(), entry.stat());
        }
      } catch (RemoteFileException e) {
        // Removed (or replaced) since its parent was listed: nothing is there now.
        if (e.problem() != RemoteFileException.Problem.NO_SUCH_FILE
            && e.problem() != RemoteFileException.Problem.NOT_A_DIRECTORY) {
          throw e;
        }
      }
      return entries;
    }
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
