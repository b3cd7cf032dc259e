package io.driftless.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** What tests of processes ask the kernel. */
public final class Processes {
  private Processes() {}

  /**
   * Whether the process is dead within two seconds. A killed orphan is reaped by PID 1, which in
   * some containers never reaps, so a zombie ("Z" in /proc) counts as dead; ProcessHandle calls it
   * alive.
   */
  public static boolean awaitGone(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    for (int i = 0; i < 100; i++) {
      if (!Files.exists(stat)) {
        return true;
      }
      String fields = Files.readString(stat);
      String state = fields.substring(fields.lastIndexOf(')') + 2).substring(0, 1);
      if (state.equals("Z") || state.equals("X")) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
