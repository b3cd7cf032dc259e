package io.driftless.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The server's background threads: daemons, so that none keeps the process alive, each named so
 * that a thread dump says whose it is.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Makes daemon threads named {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A scheduler with one daemon thread named {@code name}. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }
}
