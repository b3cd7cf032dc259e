package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step: keeps a source that stopped answering from taking every scheduler thread. Once a call to a
 * source's remote failed as unreachable or timed out, one run at a time tries it again (the probe);
 * a run of any other environment on that source that arrives meanwhile is turned away with {@link
 * SourceDownException} at once, before it records anything, instead of waiting for the same
 * timeout, and the scheduler fires it again later. The first run that reaches the remote opens the
 * source to every run again. Sources that answer are never held back: their runs share fetches as
 * before.
 */
final class SourceProbes {
  private static final Logger LOG = LoggerFactory.getLogger(SourceProbes.class);

  private final Set<SourceName> down = ConcurrentHashMap.newKeySet();
  private final Set<SourceName> probing = ConcurrentHashMap.newKeySet();

  /**
   * Lets a run of {@code environment} call the remote of {@code source}.
   *
   * @throws SourceDownException when the source is down and another run is already trying it
   */
  Entry enter(SourceName source, EnvironmentName environment) {
    if (!down.contains(source)) {
      return new Entry(source, false);
    }
    if (!probing.add(source)) {
      throw new SourceDownException(source, environment);
    }
    return new Entry(source, true);
  }

  /** Whether the source's last remote call failed as unreachable; for tests and logs. */
  boolean isDown(SourceName source) {
    return down.contains(source);
  }

  /** One run's passage: it reports whether the remote answered, and lets the next probe in. */
  final class Entry implements AutoCloseable {
    private final SourceName source;
    private final boolean probe;

    private Entry(SourceName source, boolean probe) {
      this.source = source;
      this.probe = probe;
    }

    /** The run got past the remote: the source answers. */
    void reached() {
      if (down.remove(source)) {
        LOG.info("source {} answers again", source);
      }
    }

    /** The run failed; a remote that did not answer marks the source down. */
    void failed(EngineException e) {
      if (e instanceof GitAccessException git
          && (git.reason() == GitAccessException.Reason.UNREACHABLE
              || git.reason() == GitAccessException.Reason.TIMEOUT)
          && down.add(source)) {
        LOG.warn(
            "source {} does not answer; one run at a time tries it again until it does", source);
      }
    }

    @Override
    public void close() {
      if (probe) {
        probing.remove(source);
      }
    }
  }
}
