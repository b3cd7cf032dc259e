package io.driftless.engine.port;

import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.HostApiView;
import java.util.Optional;

/** The Git host API of each source, for pull-request statuses and comments; its token is secret. */
public interface HostApis {

  /** Sets or replaces the source's host API; an unknown source is a {@link NotFoundException}. */
  HostApiView set(SourceName source, HostApi api);

  /** The host API without its token; empty when the source has none (or does not exist). */
  Optional<HostApiView> view(SourceName source);

  /** The host API with its token: for the host calls only. */
  Optional<HostApi> find(SourceName source);

  /** Removes the source's host API; false when it had none. */
  boolean remove(SourceName source);
}
