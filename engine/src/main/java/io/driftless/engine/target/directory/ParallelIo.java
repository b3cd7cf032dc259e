package io.driftless.engine.target.directory;

import io.driftless.engine.DaemonThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a file-system step on many items several at a time: the work is system calls (lstat, write,
 * fsync), and parallel fsyncs let the file system group them into few journal commits.
 */
final class ParallelIo {
  static final int THREADS = 8;

  private ParallelIo() {}

  /** A step run on one item; may fail with an I/O error. */
  @FunctionalInterface
  interface Step<T> {
    void run(T item) throws IOException;
  }

  /**
   * Runs {@code step} on every item and waits for all of them, so that nothing is still writing
   * when a failure is cleaned up; the first failure in list order is thrown as it was.
   */
  static <T> void forEach(List<T> items, Step<T> step) throws IOException {
    int threads = Math.min(THREADS, items.size());
    if (threads <= 1) {
      for (T item : items) {
        step.run(item);
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.named("driftless-directory-io"));
    try {
      List<Future<?>> pending = new ArrayList<>(items.size());
      for (T item : items) {
        pending.add(
            pool.submit(
                () -> {
                  step.run(item);
                  return null;
                }));
      }
      Throwable first = null;
      for (Future<?> f : pending) {
        try {
          f.get();
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
        }
      }
      if (first instanceof IOException io) {
        throw io;
      }
      if (first instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (first != null) {
        throw new IOException(first);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while applying", e);
    } finally {
      pool.shutdown();
    }
  }
}
