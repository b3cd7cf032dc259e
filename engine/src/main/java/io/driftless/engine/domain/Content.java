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

  /**
   * For content decrypted from a SOPS file, its encrypted form as it is in Git: the only form that
   * may be stored (snapshots keep it and decrypt it again to re-apply). Empty for any other
   * content.
   */
  default java.util.Optional<Content> sealed() {
    return java.util.Optional.empty();
  }

  /** What a snapshot stores for this content: its {@link #sealed} form, or the content itself. */
  default Content stored() {
    return sealed().orElse(this);
  }

  /** Content already in memory. */
  static Content of(byte[] bytes) {
    return new InMemoryContent(bytes.clone(), ContentHash.ofBytes(bytes));
  }

  /** Content whose hash is already known and whose bytes are loaded by {@code loader}. */
  static Content lazy(ContentHash hash, java.util.function.Supplier<byte[]> loader) {
    return new LazyContent(hash, loader);
  }

  /**
   * The plaintext of a SOPS file. Its {@link #hash()} is a keyed hash of the plaintext, never a
   * plain one, and it prints without its bytes.
   *
   * @param hash the keyed hash of the plaintext
   * @param encrypted the SOPS file as it is in Git
   * @param plaintext loads the plaintext (decrypting it)
   */
  record Decrypted(
      ContentHash hash, Content encrypted, java.util.function.Supplier<byte[]> plaintext)
      implements Content {
    public Decrypted {
      java.util.Objects.requireNonNull(hash, "hash");
      java.util.Objects.requireNonNull(encrypted, "encrypted");
      java.util.Objects.requireNonNull(plaintext, "plaintext");
    }

    @Override
    public byte[] bytes() {
      return plaintext.get();
    }

    @Override
    public java.util.Optional<Content> sealed() {
      return java.util.Optional.of(encrypted);
    }

    @Override
    public String toString() {
      return "Content[decrypted " + hash + "]";
    }
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
