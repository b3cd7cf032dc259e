package io.driftless.engine.domain;

/**
 * The bytes of a resource, loaded only when needed: most reconciles compare hashes and never read a
 * file.
 */
public interface Content {

  /** The Git blob id of the bytes. */
  ContentHash hash();

  /** Loads the bytes. May read from Git, the filesystem or the snapshot store. */
  byte[] bytes();

  /** Content already in memory. */
  static Content of(byte[] bytes) {
    return new InMemoryContent(bytes.clone(), ContentHash.ofBytes(bytes));
  }

  /** Content whose hash is already known and whose bytes are loaded by {@code loader}. */
  static Content lazy(ContentHash hash, java.util.function.Supplier<byte[]> loader) {
    return new LazyContent(hash, loader);
  }

  /** Bytes held in memory. */
  record InMemoryContent(byte[] data, ContentHash hash) implements Content {
    @Override
    public byte[] bytes() {
      return data.clone();
    }
  }

  /** Bytes loaded on demand; the hash is known up front. */
  final class LazyContent implements Content {
    private final ContentHash hash;
    private final java.util.function.Supplier<byte[]> loader;

    LazyContent(ContentHash hash, java.util.function.Supplier<byte[]> loader) {
      this.hash = java.util.Objects.requireNonNull(hash);
      this.loader = java.util.Objects.requireNonNull(loader);
    }

    @Override
    public ContentHash hash() {
      return hash;
    }

    @Override
    public byte[] bytes() {
      return loader.get();
    }

    @Override
    public String toString() {
      return "Content[" + hash + "]";
    }
  }
}
