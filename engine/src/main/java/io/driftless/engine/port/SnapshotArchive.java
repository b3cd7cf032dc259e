package io.driftless.engine.port;

import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunId;
import java.util.Optional;

/** Applied snapshots as the server reads them: the engine's {@link SnapshotStore} plus lookups. */
public interface SnapshotArchive extends SnapshotStore {

  /** The newest run of the environment that applied a snapshot at {@code revision}. */
  Optional<RunId> lastAppliedAt(EnvironmentName environment, Revision revision);

  /** The bytes of a stored content; a {@link NotFoundException} when it is not stored. */
  byte[] bytes(ContentHash hash);
}
