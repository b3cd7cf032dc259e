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
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
  private static final int READ_THREADS = ParallelIo.THREADS;

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
    // In key order, so that the files of one directory come together (its parents are checked
    // once) and the live state is built in order, without a sorted insert per key.
    List<ResourceKey> ordered = new ArrayList<>(keys);
    Collections.sort(ordered);
    Map<String, Boolean> realDirectories = new ConcurrentHashMap<>();
    // Reading is one lstat per key (and a hash where the stat cache cannot vouch for a file):
    // system calls, so large reads are split across a few threads.
    int chunks = Math.max(1, Math.min(READ_THREADS, ordered.size() / READ_CHUNK));
    int size = (ordered.size() + chunks - 1) / chunks;
    List<Integer> slices = new ArrayList<>(chunks);
    for (int i = 0; i * size < ordered.size(); i++) {
      slices.add(i);
    }
    List<List<Resource>> found = new ArrayList<>(Collections.nCopies(slices.size(), List.of()));
    try {
      ParallelIo.forEach(
          slices,
          i -> {
            List<ResourceKey> slice =
                ordered.subList(i * size, Math.min(ordered.size(), (i + 1) * size));
            found.set(i, readKeys(slice, realDirectories));
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read under " + root, e);
    }
    InOrder live = new InOrder(found);
    LOG.debug(
        "read {} of {} keys under {}; hashed {} files",
        live.size(),
        keys.size(),
        root,
        filesHashed.get() - hashedBefore);
    return new LiveState(live);
  }

  /** Reads keys in order; the files of one directory share its path and its parents' check. */
  private List<Resource> readKeys(List<ResourceKey> keys, Map<String, Boolean> realDirectories) {
    List<Resource> found = new ArrayList<>(keys.size());
    String lastParent = null;
    Path directory = null;
    for (ResourceKey key : keys) {
      RelativeFilePath path;
      try {
        path = RelativeFilePath.of(key);
      } catch (UnsafeResourceException e) {
        LOG.warn("not reading {} under {}: {}", key, root, e.getMessage());
        continue;
      }
      String value = key.value();
      int slash = value.lastIndexOf('/');
      String parent = slash < 0 ? "" : value.substring(0, slash);
      if (!parent.equals(lastParent)) {
        lastParent = parent;
        directory =
            root.parentsAreDirectories(path, realDirectories)
                ? (slash < 0 ? root.path() : root.path().resolve(parent))
                : null;
      }
      // A safe relative key (checked above) names the same file resolved whole or by segment.
      Path file = directory == null ? null : directory.resolve(value.substring(slash + 1));
      Optional<FileStat> stat = file == null ? Optional.empty() : root.stat(file);
      if (stat.isEmpty()) {
        cache.forget(value);
        continue;
      }
      found.add(resourceAt(key, file, stat.get()));
    }
    return found;
  }

  /**
   * The resources read, slice after slice, already in key order: a sorted map over them that a
   * {@link TreeMap} copies in one pass (as {@link LiveState} does) instead of one sorted insert per
   * key.
   */
  private static final class InOrder extends AbstractMap<ResourceKey, Resource>
      implements SortedMap<ResourceKey, Resource> {
    private final List<Map.Entry<ResourceKey, Resource>> entries = new ArrayList<>();
    private TreeMap<ResourceKey, Resource> copy;

    InOrder(List<List<Resource>> slices) {
      for (List<Resource> slice : slices) {
        for (Resource resource : slice) {
          entries.add(new AbstractMap.SimpleImmutableEntry<>(resource.key(), resource));
        }
      }
    }

    @Override
    public Set<Map.Entry<ResourceKey, Resource>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<ResourceKey, Resource>> iterator() {
          return Collections.unmodifiableList(entries).iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }

    @Override
    public Comparator<? super ResourceKey> comparator() {
      return null; // natural order, as the keys were sorted
    }

    private TreeMap<ResourceKey, Resource> tree() {
      if (copy == null) {
        copy = new TreeMap<>(this);
      }
      return copy;
    }

    @Override
    public SortedMap<ResourceKey, Resource> subMap(ResourceKey from, ResourceKey to) {
      return Collections.unmodifiableSortedMap(tree().subMap(from, to));
    }

    @Override
    public SortedMap<ResourceKey, Resource> headMap(ResourceKey to) {
      return Collections.unmodifiableSortedMap(tree().headMap(to));
    }

    @Override
    public SortedMap<ResourceKey, Resource> tailMap(ResourceKey from) {
      return Collections.unmodifiableSortedMap(tree().tailMap(from));
    }

    @Override
    public ResourceKey firstKey() {
      return tree().firstKey();
    }

    @Override
    public ResourceKey lastKey() {
      return tree().lastKey();
    }
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
