package io.driftless.engine.port;

import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.SourceView;
import java.util.List;
import java.util.Optional;

/** Registered sources as the server manages them: the engine's {@link SourceStore} plus edits. */
public interface SourceCatalog extends SourceStore {

  /** Registers a source; a taken name is a {@link ConflictException}. */
  SourceView register(Source source);

  /**
   * Replaces a source's settings, credentials included; an unknown name is a {@link
   * NotFoundException}.
   */
  SourceView update(Source source);

  /** Removes a source; refused with {@link ConflictException} while environments use it. */
  void delete(SourceName name);

  /** The source without its credentials. */
  Optional<SourceView> view(SourceName name);

  /** Every source without credentials, by name. */
  List<SourceView> list();
}
