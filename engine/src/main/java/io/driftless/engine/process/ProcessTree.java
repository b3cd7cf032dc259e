package io.driftless.engine.process;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way the server kills a process it started, with everything that process started. */
public final class ProcessTree {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
  private static final long EXIT_WAIT_SECONDS = 5;

  private ProcessTree() {}

  /**
   * Kills a process and its descendants with SIGKILL. The tree is listed before the parent dies,
   * because a dead parent's children are re-parented and drop out of its tree; the parent dies
   * first so it cannot spawn more. Waits a few seconds for the parent to be gone.
   */
  public static void kill(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("process {} did not exit after SIGKILL", root.pid());
    }
  }
}
