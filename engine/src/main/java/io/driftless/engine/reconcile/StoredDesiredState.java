package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.port.SnapshotStore;
import io.driftless.engine.render.DecryptingReader;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SopsFiles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A desired state read back from a stored snapshot instead of rendered from Git: what an automatic
 * rollback re-applies, and a pinned revision that is no longer in the repository. Contents are
 * loaded from the snapshot store only when a change needs them.
 */
final class StoredDesiredState {
  private StoredDesiredState() {}

  /** Decrypted content a snapshot holds in a form that is rendered again, not just decrypted. */
  interface Resealed {
    /**
     * An object of a SOPS manifest the snapshot holds encrypted, decrypted and parsed again.
     *
     * @param hash the keyed hash the snapshot recorded for the object
     * @param manifest the Git blob id of the encrypted manifest
     * @throws RenderException when the manifest does not decrypt, or not to what was applied
     */
    Content object(ResourceKey key, ContentHash hash, ContentHash manifest, byte[] encrypted);

    /**
     * A file with values of {@code variables.from} substituted, substituted again.
     *
     * @param hash the keyed hash the snapshot recorded for the file
     * @throws RenderException when its sources do not decrypt, or not to what was applied
     */
    Content substituted(ResourceKey key, ContentHash hash, SealedSubstitution sealed);
  }

  /**
   * @param decryptor decrypts the SOPS files the snapshot holds in their encrypted form, at once,
   *     so that a key no longer there fails the run before anything is applied; null when the
   *     environment does not decrypt (a snapshot holding a SOPS file then fails)
   * @param objects re-reads the decrypted Kubernetes objects of SOPS manifests
   * @throws RenderException when a SOPS file of the snapshot does not decrypt
   */
  static DesiredState of(
      Snapshot snapshot,
      Revision revision,
      SnapshotStore snapshots,
      SopsDecryptor decryptor,
      Resealed objects) {
    SortedMap<ResourceKey, Resource> resources = new TreeMap<>();
    snapshot
        .entries()
        .forEach(
            (key, entry) ->
                resources.put(
                    key,
                    new Resource(
                        key,
                        entry.kind(),
                        entry.sealed() == null
                            ? Content.lazy(entry.hash(), () -> content(snapshots, entry.hash()))
                            : decrypted(key, entry, snapshots, decryptor, objects))));
    return new DesiredState(revision, treeId(snapshot), resources);
  }

  /**
   * The resources of {@code snapshot} but {@code except}, as the part of a new desired state that a
   * commit left unchanged: contents are loaded from the snapshot store only if read, and a SOPS
   * file the snapshot holds encrypted is decrypted only if its plaintext is read (a run that
   * compares only what changed reads neither).
   *
   * @param decryptor null when the environment does not decrypt
   */
  static SortedMap<ResourceKey, Resource> unchanged(
      Snapshot snapshot,
      java.util.Set<ResourceKey> except,
      SnapshotStore snapshots,
      SopsDecryptor decryptor) {
    SortedMap<ResourceKey, Resource> resources = new TreeMap<>();
    snapshot
        .entries()
        .forEach(
            (key, entry) -> {
              if (except.contains(key)) {
                return;
              }
              Content content =
                  entry.sealed() == null
                      ? Content.lazy(entry.hash(), () -> content(snapshots, entry.hash()))
                      : new Content.Decrypted(
                          entry.hash(),
                          Content.lazy(entry.sealed(), () -> content(snapshots, entry.sealed())),
                          () -> decrypted(key, entry, snapshots, decryptor, NOT_RESEALED).bytes());
              resources.put(key, new Resource(key, entry.kind(), content));
            });
    return resources;
  }

  /** A snapshot of the {@code files} renderer holds neither manifests nor substitutions. */
  private static final Resealed NOT_RESEALED =
      new Resealed() {
        @Override
        public Content object(
            ResourceKey key, ContentHash hash, ContentHash manifest, byte[] encrypted) {
          throw notFiles(key);
        }

        @Override
        public Content substituted(ResourceKey key, ContentHash hash, SealedSubstitution sealed) {
          throw notFiles(key);
        }

        private RenderException notFiles(ResourceKey key) {
          return new RenderException(
              key.value(), 0, "is rendered again only with the whole path of its environment");
        }
      };

  private static Content decrypted(
      ResourceKey key,
      Snapshot.Entry entry,
      SnapshotStore snapshots,
      SopsDecryptor decryptor,
      Resealed objects) {
    if (decryptor == null) {
      throw new RenderException(
          key.value(),
          0,
          "the snapshot holds this SOPS file encrypted, and this environment does not decrypt"
              + " SOPS files (decrypt: false)");
    }
    byte[] encrypted = content(snapshots, entry.sealed());
    if (entry.kind() == ResourceKind.OBJECT) {
      // The snapshot holds the whole SOPS manifest an object was read from, not the object.
      return objects.object(key, entry.hash(), entry.sealed(), encrypted);
    }
    if (!SopsFiles.isSopsOrStripped(key.value(), encrypted)) {
      // A file with values of variables.from substituted: the snapshot holds its Git form and
      // the files the values came from, encrypted.
      return SealedSubstitution.read(encrypted)
          .map(substitution -> objects.substituted(key, entry.hash(), substitution))
          .orElseThrow(
              () ->
                  new RenderException(
                      key.value(),
                      0,
                      "this file had values of variables.from substituted before the snapshot kept"
                          + " their sources, so it is re-applied from its revision in Git only,"
                          + " and the revision is no longer there"));
    }
    byte[] plaintext = DecryptingReader.decrypt(decryptor, key.value(), encrypted);
    return new Content.Decrypted(entry.hash(), Content.of(encrypted), plaintext::clone);
  }

  private static byte[] content(SnapshotStore snapshots, ContentHash hash) {
    return snapshots
        .content(hash)
        .orElseThrow(
            () -> new IllegalStateException("content " + hash + " of a stored snapshot is missing"))
        .bytes();
  }

  /**
   * A stable id for a desired state that has no Git tree: a SHA-1 over its sorted keys, kinds and
   * content hashes.
   */
  static TreeId treeId(Snapshot snapshot) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      snapshot
          .entries()
          .forEach(
              (key, entry) ->
                  sha1.update(
                      (key.value() + "\0" + entry.kind() + "\0" + entry.hash().value() + "\n")
                          .getBytes(StandardCharsets.UTF_8)));
      return new TreeId(HexFormat.of().formatHex(sha1.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
