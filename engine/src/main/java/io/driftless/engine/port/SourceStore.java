package io.driftless.engine.port;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import java.util.Optional;

/** Registered sources, with their credentials decrypted for the engine's use only. */
public interface SourceStore {

  Optional<Source> find(SourceName name);
}
