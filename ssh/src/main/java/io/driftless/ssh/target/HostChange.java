package io.driftless.ssh.target;

import io.driftless.engine.domain.Change;
import io.driftless.engine.target.RelativeFilePath;

/** A planned change (keyed {@code host:port:path}) with its path under the host's root. */
record HostChange(Change change, RelativeFilePath path) {}
