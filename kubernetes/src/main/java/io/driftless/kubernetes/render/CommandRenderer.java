package io.driftless.kubernetes.render;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.render.Renderer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code command} renderer, like Argo CD's config-management plugins: the files under the path
 * at the revision are written to a fresh temporary checkout, the environment's command (e.g. {@code
 * kustomize build .}) runs there with a timeout, and its standard output is parsed as manifests.
 * The command comes only from the environment spec an admin registered, never from the repository.
 * A non-zero exit, a timeout, or more standard output than {@link ManifestParser#MAX_CODE_POINTS}
 * bytes fails the render with the tail of standard error, and nothing is applied.
 *
 * <p>The command gets a fixed environment ({@code PATH}, {@code HOME} set to the checkout), none of
 * the server's variables (credentials). Symlinks of the path are not written to the checkout.
 */
public final class CommandRenderer implements Renderer {
  static final int STDERR_LIMIT = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(CommandRenderer.class);
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private final GitReader git;
  private final Path workDir;
  private final RenderLimits limits;
  private final ManifestParser parser = new ManifestParser();

  /**
   * @param workDir where checkouts are made (each in its own temporary directory, removed after)
   */
  public CommandRenderer(GitReader git, Path workDir) {
    this(git, workDir, RenderLimits.defaults());
  }

  public CommandRenderer(GitReader git, Path workDir, RenderLimits limits) {
    this.git = git;
    this.workDir = workDir;
    this.limits = limits;
  }

  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    if (!(environment.renderer() instanceof RendererSpec.Command spec)) {
      throw new IllegalArgumentException(
          "environment " + environment.name() + " does not use the command renderer");
    }
    RenderLimits.Budget budget = limits.start();
    CommandSpec command = spec.command();
    Path checkout = checkout(source, tree, budget);
    try {
      Duration remaining = budget.remaining();
      Duration timeout = remaining.compareTo(command.timeout()) < 0 ? remaining : command.timeout();
      byte[] stdout = run(command, timeout, checkout, environment);
      Manifests manifests = new Manifests(environment);
      manifests.add(outputName(command), parser.parse(outputName(command), stdout));
      return new DesiredState(
          tree.revision(), tree.treeId(), manifests.resources(), manifests.origins());
    } finally {
      delete(checkout);
    }
  }

  private static String outputName(CommandSpec command) {
    return "output of `" + String.join(" ", command.argv()) + "`";
  }

  private Path checkout(Source source, PathTree tree, RenderLimits.Budget budget) {
    try {
      Files.createDirectories(workDir);
      Path dir =
          Files.createTempDirectory(
              workDir,
              "render-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      for (PathTree.Entry entry : tree.entries()) {
        if (entry.kind() == ResourceKind.SYMLINK) {
          continue;
        }
        Path file = dir.resolve(entry.path()).normalize();
        if (!file.startsWith(dir)) {
          throw new RenderException(entry.path(), 0, "leaves the checkout");
        }
        Files.createDirectories(file.getParent());
        budget.take(entry.path(), git.blobSize(source, entry.blob()));
        Files.write(file, git.readBlob(source, entry.blob()));
        if (entry.kind() == ResourceKind.EXECUTABLE) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the checkout to render: " + e.getMessage(), e);
    }
  }

  private byte[] run(
      CommandSpec command, Duration timeout, Path checkout, Environment environment) {
    String shown = String.join(" ", command.argv());
    ProcessBuilder builder =
        new ProcessBuilder(command.processArgv())
            .directory(checkout.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().put("PATH", PATH);
    builder.environment().put("HOME", checkout.toString());
    builder.environment().put("DRIFTLESS_ENVIRONMENT", environment.name().value());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new CommandRenderException(
          shown, 127, "render command `" + shown + "` could not start: " + e.getMessage());
    }
    Capture stdout = new Capture(process.getInputStream(), ManifestParser.MAX_CODE_POINTS, false);
    Capture stderr = new Capture(process.getErrorStream(), STDERR_LIMIT, true);
    stdout.start();
    stderr.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(process.toHandle());
      throw new CommandRenderException(shown, -1, "render command `" + shown + "` was interrupted");
    }
    if (!finished) {
      killTree(process.toHandle());
    }
    stdout.await();
    stderr.await();
    if (!finished) {
      LOG.warn("render command `{}` timed out after {}", shown, timeout);
      throw new CommandRenderException(
          shown,
          -1,
          "render command `"
              + shown
              + "` timed out after "
              + timeout.toMillis()
              + " ms"
              + tail(stderr));
    }
    int exit = process.exitValue();
    if (exit != 0) {
      LOG.warn("render command `{}` exited {}", shown, exit);
      throw new CommandRenderException(
          shown, exit, "render command `" + shown + "` exited " + exit + tail(stderr));
    }
    if (stdout.overflowed()) {
      throw new CommandRenderException(
          shown,
          exit,
          "render command `"
              + shown
              + "` printed more than "
              + ManifestParser.MAX_CODE_POINTS
              + " bytes, the limit for manifests");
    }
    return stdout.bytes();
  }

  private static String tail(Capture stderr) {
    String text = stderr.text().strip();
    return text.isEmpty() ? " (no standard error)" : ": " + text;
  }

  /** Kills a process and its descendants, listed before the parent dies. */
  private static void killTree(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("render process {} did not exit after SIGKILL", root.pid());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove render checkout {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Reads one stream on its own thread. Standard output keeps its head up to the limit and notes an
   * overflow (a cut manifest must never be applied); standard error keeps its tail, where the error
   * is.
   */
  private static final class Capture {
    private final InputStream in;
    private final int limit;
    private final boolean keepTail;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private long total;

    Capture(InputStream in, int limit, boolean keepTail) {
      this.in = in;
      this.limit = limit;
      this.keepTail = keepTail;
      this.thread = new Thread(this::drain, "driftless-render-output");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void await() {
      try {
        thread.join(OUTPUT_DRAIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void drain() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          append(buffer, n);
        }
      } catch (IOException e) {
        // The process was killed; keep what arrived.
      }
    }

    private synchronized void append(byte[] buffer, int n) {
      total += n;
      if (keepTail) {
        kept.write(buffer, 0, n);
        if (kept.size() > 2 * limit) {
          byte[] all = kept.toByteArray();
          kept.reset();
          kept.write(all, all.length - limit, limit);
        }
      } else if (kept.size() < limit) {
        kept.write(buffer, 0, Math.min(n, limit - kept.size()));
      }
    }

    synchronized boolean overflowed() {
      return total > limit;
    }

    synchronized byte[] bytes() {
      return kept.toByteArray();
    }

    synchronized String text() {
      byte[] all = kept.toByteArray();
      int from = Math.max(0, all.length - limit);
      String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
      return total > limit ? "[... " + (total - limit) + " bytes cut ...]\n" + text : text;
    }
  }
}
