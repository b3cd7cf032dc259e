package io.driftless.engine.target.directory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an admin-configured command in a directory with a fixed environment, a timeout that kills
 * the whole process tree, and bounded, merged output.
 */
final class CommandRunner {
  static final int OUTPUT_LIMIT = 64 * 1024;

  /** Exit code reported when the command could not be started at all, as a shell would. */
  static final int NOT_STARTED = 127;

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  /**
   * How long to wait for the output pipe after the process ended; a background child may hold it.
   */
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private final Path workingDirectory;
  private final Map<String, String> environment;

  CommandRunner(Path workingDirectory, Map<String, String> environment) {
    this.workingDirectory = workingDirectory;
    this.environment = Map.copyOf(environment);
  }

  CommandResult run(String name, CommandSpec spec, Duration timeout) {
    long start = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(spec.processArgv())
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // Nothing of the server's environment (credentials, tokens) leaks into the command.
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      LOG.warn("{} command could not start in {}: {}", name, workingDirectory, e.getMessage());
      return new CommandResult(
          name, NOT_STARTED, false, since(start), "could not start: " + e.getMessage());
    }
    BoundedOutput output = new BoundedOutput(OUTPUT_LIMIT);
    Thread reader =
        new Thread(() -> output.drain(process.getInputStream()), "driftless-" + name + "-output");
    reader.setDaemon(true);
    reader.start();

    boolean finished;
    boolean interrupted = false;
    try {
      finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      finished = false;
      interrupted = true;
    }
    if (!finished) {
      killTree(process.toHandle());
    }
    try {
      reader.join(OUTPUT_DRAIN.toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    Duration duration = since(start);
    String text = output.text();
    if (interrupted) {
      Thread.currentThread().interrupt();
      LOG.warn("{} command interrupted after {} ms", name, duration.toMillis());
      return new CommandResult(name, -1, false, duration, text + "\n[interrupted]");
    }
    if (!finished) {
      LOG.warn("{} command timed out after {} and was killed", name, timeout);
      return new CommandResult(name, -1, true, duration, text);
    }
    int exitCode = process.exitValue();
    LOG.info("{} command exited with {} after {} ms", name, exitCode, duration.toMillis());
    return new CommandResult(name, exitCode, false, duration, text);
  }

  /**
   * Kills a process and its descendants. The tree is listed before the parent dies, because a dead
   * parent's children are re-parented and drop out of its tree; the parent dies first so it cannot
   * spawn more.
   */
  static void killTree(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("process {} did not exit after SIGKILL", root.pid());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
