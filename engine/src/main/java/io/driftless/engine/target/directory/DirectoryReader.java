package io.driftless.engine.target.directory;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.target.RelativeFilePath;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.UnsafeResourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the live state of a directory target with {@code lstat}, never following a symlink and
 * never changing anything; a regular file's hash comes from the {@link StatCache} when its stat is
 * unchanged. The staging directory is never read: {@link RelativeFilePath} refuses its name as a
 * key.
 */
final class DirectoryReader {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryReader.class);
  private static final int HASH_BUFFER = 64 * 1024;
  private static final int READ_CHUNK = 512;

  private final TargetRoot root;
  private final StatCache<FileStat> cache;
  private final Clock clock;
  private final AtomicLong filesHashed = new AtomicLong();

  DirectoryReader(TargetRoot root, StatCache<FileStat> cache, Clock clock) {
    this.root = root;
    this.cache = cache;
    this.clock = clock;
  }

  /** See {@link DirectoryTarget#read}. */
  LiveState read(Set<ResourceKey> keys) {
    if (!root.check()) {
      LOG.debug("root {} does not exist yet; nothing is live", root);
      return LiveState.empty();
    }
    long hashedBefore = filesHashed.get();
    List<ResourceKey> ordered = new ArrayList<>(keys);
    Map<String, Boolean> realDirectories = new ConcurrentHashMap<>();
    // Reading is one lstat per key (and a hash where the stat cache cannot vouch for a file):
    // system calls, so large reads are split across a few threads.
    int chunks = Math.max(1, Math.min(ParallelIo.THREADS, ordered.size() / READ_CHUNK));
    int size = (ordered.size() + chunks - 1) / chunks;
    List<List<ResourceKey>> slices = new ArrayList<>(chunks);
    for (int i = 0; i * size < ordered.size(); i++) {
      slices.add(ordered.subList(i * size, Math.min(ordered.size(), (i + 1) * size)));
    }
    Queue<Resource> found = new ConcurrentLinkedQueue<>();
    try {
      ParallelIo.forEach(slices, slice -> found.addAll(readKeys(slice, realDirectories)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read under " + root, e);
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
          root.parentsAreDirectories(path, realDirectories)
              ? root.stat(path.under(root.path()))
              : Optional.empty();
      if (stat.isEmpty()) {
        cache.forget(key.value());
        continue;
      }
      found.add(resourceAt(key, path.under(root.path()), stat.get()));
    }
    return found;
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
      Optional<FileStat> after = root.stat(file);
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

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
    }
  }

  /** How many files this reader has hashed: a test sees the stat cache at work. */
  long filesHashed() {
    return filesHashed.get();
  }
}
