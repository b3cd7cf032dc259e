package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Snapshot;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.port.SnapshotStore;
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

  static DesiredState of(Snapshot snapshot, Revision revision, SnapshotStore snapshots) {
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
                        Content.lazy(entry.hash(), () -> content(snapshots, entry)))));
    return new DesiredState(revision, treeId(snapshot), resources);
  }

  private static byte[] content(SnapshotStore snapshots, Snapshot.Entry entry) {
    return snapshots
        .content(entry.hash())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "content " + entry.hash() + " of a stored snapshot is missing"))
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
