package io.driftless.ssh.target;

import io.driftless.engine.DaemonThreads;
import io.driftless.ssh.SshHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on several hosts at once: each host's work in its own thread, a bounded number at a time.
 */
final class HostPool {
  private static final Logger LOG = LoggerFactory.getLogger(HostPool.class);

  private HostPool() {}

  /**
   * Runs {@code work} on each of {@code hosts}, at most {@code parallel} at once, and waits for
   * all. A host whose work fails is handed to {@code failed} and has no result; so has one whose
   * work returns null.
   */
  static <T> Map<SshHost, T> each(
      int parallel,
      List<SshHost> hosts,
      Function<SshHost, T> work,
      BiConsumer<SshHost, RuntimeException> failed) {
    Map<SshHost, T> results = new ConcurrentHashMap<>();
    int threads = Math.min(parallel, hosts.size());
    if (threads == 0) {
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.named("driftless-ssh-hosts"));
    try {
      Map<SshHost, Future<T>> pending = new LinkedHashMap<>();
      for (SshHost host : hosts) {
        pending.put(host, pool.submit(() -> work.apply(host)));
      }
      for (Map.Entry<SshHost, Future<T>> entry : pending.entrySet()) {
        try {
          T result = entry.getValue().get();
          if (result != null) {
            results.put(entry.getKey(), result);
          }
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
          LOG.warn("{} fails for this run: {}", entry.getKey(), cause.getMessage());
          failed.accept(entry.getKey(), cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while working on " + hosts, e);
    } finally {
      pool.shutdownNow();
    }
    return results;
  }
}
