package io.driftless.engine.reconcile;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathChanges;
import io.driftless.engine.git.PathTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Files a snapshot holds, read as a tree of their own, so that a renderer decrypts, parses and
 * substitutes them again as it did when their revision was in Git: the SOPS manifest a decrypted
 * object came from, or the Git form of a file with values of {@code variables.from} substituted
 * beside the SOPS files those came from. It reads nothing else.
 */
final class StoredTree implements GitReader {
  private final Map<ContentHash, byte[]> blobs = new HashMap<>();
  private final List<PathTree.Entry> entries = new ArrayList<>();
  private final TreeId treeId;

  /**
   * @param files their bytes by path
   */
  StoredTree(Map<String, byte[]> files) {
    StringBuilder ids = new StringBuilder();
    new TreeMap<>(files)
        .forEach(
            (path, bytes) -> {
              ContentHash blob = ContentHash.ofBytes(bytes);
              blobs.put(blob, bytes.clone());
              entries.add(new PathTree.Entry(path, ResourceKind.FILE, blob));
              ids.append(path).append('\0').append(blob.value()).append('\n');
            });
    this.treeId = new TreeId(ContentHash.ofBytes(ids.toString().getBytes(UTF_8)).value());
  }

  /** A SOPS manifest, named {@code .json} when it is JSON, else {@code .yaml}. */
  static StoredTree manifest(byte[] encrypted) {
    String name = "stored-manifest.yaml";
    for (byte b : encrypted) {
      if (!Character.isWhitespace(b)) {
        name = b == '{' ? "stored-manifest.json" : name;
        break;
      }
    }
    return new StoredTree(Map.of(name, encrypted));
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    return new PathTree(revision, "", treeId, entries);
  }

  @Override
  public byte[] readBlob(Source source, ContentHash id) {
    return blob(id).clone();
  }

  @Override
  public long blobSize(Source source, ContentHash id) {
    return blob(id).length;
  }

  private byte[] blob(ContentHash id) {
    byte[] bytes = blobs.get(id);
    if (bytes == null) {
      throw new IllegalStateException("a stored tree holds no " + id);
    }
    return bytes;
  }

  @Override
  public Revision update(Source source, String ref) {
    throw unsupported();
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    return treeId;
  }

  @Override
  public Commit commit(Source source, Revision revision) {
    throw unsupported();
  }

  @Override
  public SortedSet<String> changedPaths(Source source, Revision base, Revision head) {
    throw unsupported();
  }

  @Override
  public PathChanges changes(Source source, Revision base, Revision revision, String path) {
    throw unsupported();
  }

  @Override
  public Optional<PathTree.Entry> file(Source source, Revision revision, String file) {
    throw unsupported();
  }

  @Override
  public boolean isReachable(Source source, Revision revision) {
    throw unsupported();
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("a stored tree is not a repository");
  }
}
