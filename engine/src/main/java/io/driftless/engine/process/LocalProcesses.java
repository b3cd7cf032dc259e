package io.driftless.engine.process;

import io.driftless.engine.DaemonThreads;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts processes on this host, each with only the environment its {@link ProcessSpec} gives, a
 * fresh empty {@code HOME} of its own (removed when it ends), empty standard input, bounded output
 * read on its own threads, and a timeout that kills the whole process tree. Every command the
 * server runs locally (post-apply and health commands, render commands) goes through {@link #run},
 * after {@link CommandPolicy} allowed it.
 */
public final class LocalProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(LocalProcesses.class);

  /**
   * How long to wait for an output pipe after the process ended; a background child may hold it.
   */
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private static final File NO_INPUT = new File("/dev/null");
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private LocalProcesses() {}

  /** Runs {@code spec} to its end, its timeout or an interrupt; never throws for the process. */
  public static ProcessResult run(ProcessSpec spec) {
    long start = System.nanoTime();
    Path home;
    try {
      home = Files.createTempDirectory("driftless-home-", OWNER_ONLY);
    } catch (IOException e) {
      LOG.warn("{} has no HOME: {}", spec.name(), e.getMessage());
      return new ProcessResult(
          ProcessResult.Ending.NOT_STARTED,
          ProcessResult.NOT_STARTED,
          since(start),
          new BoundedOutput(spec.stdout()),
          spec.mergesStandardError() ? null : new BoundedOutput(spec.stderr()),
          "could not create its HOME: " + e.getMessage());
    }
    try {
      return run(spec, home, start);
    } finally {
      delete(home);
    }
  }

  private static ProcessResult run(ProcessSpec spec, Path home, long start) {
    Path directory = spec.directory() == null ? home : spec.directory();
    ProcessBuilder builder =
        new ProcessBuilder(spec.argv())
            .directory(directory.toFile())
            .redirectErrorStream(spec.mergesStandardError())
            .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    builder.environment().put("HOME", home.toString());
    BoundedOutput stdout = new BoundedOutput(spec.stdout());
    BoundedOutput stderr = spec.mergesStandardError() ? null : new BoundedOutput(spec.stderr());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      LOG.warn("{} could not start in {}: {}", spec.name(), directory, e.getMessage());
      return new ProcessResult(
          ProcessResult.Ending.NOT_STARTED,
          ProcessResult.NOT_STARTED,
          since(start),
          stdout,
          stderr,
          e.getMessage());
    }
    Thread out = reader(spec.name(), "output", stdout, process.getInputStream());
    Thread err =
        stderr == null ? null : reader(spec.name(), "error", stderr, process.getErrorStream());

    boolean finished;
    boolean interrupted = false;
    try {
      finished = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      finished = false;
      interrupted = true;
    }
    if (!finished) {
      ProcessTree.kill(process.toHandle());
    }
    interrupted |= await(out);
    interrupted |= await(err);
    Duration duration = since(start);
    if (interrupted) {
      Thread.currentThread().interrupt();
      LOG.warn("{} interrupted after {} ms", spec.name(), duration.toMillis());
      return new ProcessResult(
          ProcessResult.Ending.INTERRUPTED, -1, duration, stdout, stderr, null);
    }
    if (!finished) {
      LOG.warn("{} timed out after {} and was killed", spec.name(), spec.timeout());
      return new ProcessResult(ProcessResult.Ending.TIMED_OUT, -1, duration, stdout, stderr, null);
    }
    int exitCode = process.exitValue();
    LOG.info("{} exited with {} after {} ms", spec.name(), exitCode, duration.toMillis());
    return new ProcessResult(ProcessResult.Ending.EXITED, exitCode, duration, stdout, stderr, null);
  }

  private static Thread reader(String name, String stream, BoundedOutput into, InputStream in) {
    Thread thread =
        DaemonThreads.named("driftless-" + name + "-" + stream).newThread(() -> into.drain(in));
    thread.start();
    return thread;
  }

  /** Waits a little for a reader to reach the end of its pipe; true when interrupted. */
  private static boolean await(Thread reader) {
    if (reader == null) {
      return false;
    }
    try {
      reader.join(OUTPUT_DRAIN.toMillis());
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  /** Removes a process's HOME, never following a link out of it. */
  private static void delete(Path home) {
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(LocalProcesses::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove {}: {}", home, e.getMessage());
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("could not remove {}: {}", path, e.getMessage());
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
