package io.driftless.engine.target.directory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Points where tests step into a directory target: a crash between writing a temp file and renaming
 * it, and the waits between health checks.
 *
 * @param healthInterval the pause between two runs of a failing health check
 */
record Seams(BeforeRename beforeRename, Sleeper sleeper, Duration healthInterval) {
  static final Seams DEFAULT =
      new Seams(
          (temp, destination) -> {},
          duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()),
          Duration.ofSeconds(1));

  Seams {
    if (beforeRename == null || sleeper == null || healthInterval == null) {
      throw new IllegalArgumentException("every seam is required");
    }
    if (healthInterval.isNegative()) {
      throw new IllegalArgumentException("health interval must not be negative");
    }
  }

  /** Called after a temp file is written and synced, just before it is renamed into place. */
  @FunctionalInterface
  interface BeforeRename {
    void beforeRename(Path temp, Path destination) throws IOException;
  }

  /** Waits; the default sleeps, a test may move a clock instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  Seams withBeforeRename(BeforeRename hook) {
    return new Seams(hook, sleeper, healthInterval);
  }

  Seams withSleeper(Sleeper sleeper, Duration healthInterval) {
    return new Seams(beforeRename, sleeper, healthInterval);
  }
}
