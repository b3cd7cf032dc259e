package io.driftless.engine.reconcile;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.git.Commit;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import java.util.List;
import java.util.SortedSet;

/**
 * A SOPS manifest a snapshot holds encrypted, read as a tree of one file, so that the {@code
 * manifests} renderer decrypts and parses it again as it did when the revision was in Git. Named
 * {@code .json} when it is JSON, else {@code .yaml}; it reads nothing else.
 */
final class StoredManifest implements GitReader {
  private final ContentHash blob;
  private final byte[] encrypted;

  StoredManifest(ContentHash blob, byte[] encrypted) {
    this.blob = blob;
    this.encrypted = encrypted.clone();
  }

  @Override
  public PathTree readPath(Source source, Revision revision, String path) {
    return new PathTree(
        revision,
        "",
        new TreeId(blob.value()),
        List.of(new PathTree.Entry(name(), ResourceKind.FILE, blob)));
  }

  private String name() {
    for (byte b : encrypted) {
      if (!Character.isWhitespace(b)) {
        return b == '{' ? "stored-manifest.json" : "stored-manifest.yaml";
      }
    }
    return "stored-manifest.yaml";
  }

  @Override
  public byte[] readBlob(Source source, ContentHash id) {
    return mine(id).clone();
  }

  @Override
  public long blobSize(Source source, ContentHash id) {
    return mine(id).length;
  }

  private byte[] mine(ContentHash id) {
    if (!blob.equals(id)) {
      throw new IllegalStateException("a stored manifest holds " + blob + ", not " + id);
    }
    return encrypted;
  }

  @Override
  public Revision update(Source source, String ref) {
    throw unsupported();
  }

  @Override
  public TreeId treeId(Source source, Revision revision, String path) {
    return new TreeId(blob.value());
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
  public boolean isReachable(Source source, Revision revision) {
    throw unsupported();
  }

  @Override
  public boolean isAncestor(Source source, Revision ancestor, Revision revision) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("a stored manifest is not a repository");
  }
}
