package io.driftless.kubernetes.render;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.PathTree;
import io.driftless.engine.process.BoundedOutput;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.process.LocalProcesses;
import io.driftless.engine.process.OutputCapture;
import io.driftless.engine.process.ProcessResult;
import io.driftless.engine.process.ProcessSpec;
import io.driftless.engine.render.DecryptingReader;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.render.Renderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code command} renderer, like Argo CD's config-management plugins: the files under the path
 * at the revision are written to a fresh temporary checkout, the environment's command (e.g. {@code
 * kustomize build .}) runs there with a timeout, and its standard output is parsed as manifests.
 * The command comes only from the environment spec an admin registered, never from the repository,
 * and runs only when the server's {@link CommandPolicy} allows it (else the run fails naming {@code
 * renderCommand}). A non-zero exit, a timeout, or more standard output than {@link
 * ManifestParser#MAX_CODE_POINTS} bytes fails the render with the tail of standard error, and
 * nothing is applied.
 *
 * <p>The command gets a fixed environment ({@code PATH}, the policy's search path, and its own
 * empty {@code HOME}), none of the server's variables (credentials). Files are written to the
 * checkout without execute bits, whatever their mode in Git, and symlinks of the path are not
 * written at all: a file from the repository is read, never run.
 */
public final class CommandRenderer implements Renderer {
  static final int STDERR_LIMIT = 16 * 1024;
  private static final String FIELD = "renderCommand";
  private static final Logger LOG = LoggerFactory.getLogger(CommandRenderer.class);
  private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final GitReader git;
  private final Path workDir;
  private final RenderLimits limits;
  private final CommandPolicy commands;
  private final ManifestParser parser = new ManifestParser();

  /**
   * @param workDir where checkouts are made (each in its own temporary directory, removed after)
   * @param commands which render commands may run
   */
  public CommandRenderer(GitReader git, Path workDir, CommandPolicy commands) {
    this(git, workDir, RenderLimits.defaults(), commands);
  }

  public CommandRenderer(GitReader git, Path workDir, RenderLimits limits, CommandPolicy commands) {
    this.git = git;
    this.workDir = workDir;
    this.limits = limits;
    this.commands = Objects.requireNonNull(commands, "commands");
  }

  /**
   * @throws CommandRefusedException (field {@code renderCommand}) when the policy does not allow
   *     the command, before anything is checked out
   */
  @Override
  public DesiredState render(Source source, Environment environment, PathTree tree) {
    if (!(environment.renderer() instanceof RendererSpec.Command spec)) {
      throw new IllegalArgumentException(
          "environment " + environment.name() + " does not use the command renderer");
    }
    CommandSpec command = spec.command();
    commands.check(FIELD, command);
    RenderLimits.Budget budget = limits.start();
    Path checkout = checkout(source, tree, budget);
    try {
      List<String> argv = commands.argv(FIELD, command, checkout);
      Duration remaining = budget.remaining();
      Duration timeout = remaining.compareTo(command.timeout()) < 0 ? remaining : command.timeout();
      byte[] stdout = run(command, argv, timeout, checkout, environment);
      Manifests manifests = new Manifests(environment);
      for (DecryptingReader.OutputPart part : decrypted(outputName(command), stdout)) {
        manifests.add(part.name(), parser.parse(part.name(), part.bytes()));
      }
      return new DesiredState(
          tree.revision(), tree.treeId(), manifests.resources(), manifests.origins());
    } finally {
      delete(checkout);
    }
  }

  /**
   * The output with its SOPS documents decrypted when the render decrypts (the command read the
   * files encrypted, as they are in Git), as Flux decrypts the output of {@code kustomize build}.
   */
  private List<DecryptingReader.OutputPart> decrypted(String name, byte[] stdout) {
    return git instanceof DecryptingReader reader
        ? reader.decryptOutput(name, stdout)
        : List.of(new DecryptingReader.OutputPart(name, stdout));
  }

  private static String outputName(CommandSpec command) {
    return "output of `" + String.join(" ", command.argv()) + "`";
  }

  private Path checkout(Source source, PathTree tree, RenderLimits.Budget budget) {
    try {
      Files.createDirectories(workDir);
      Path dir = Files.createTempDirectory(workDir, "render-", DIRECTORY);
      for (PathTree.Entry entry : tree.entries()) {
        if (entry.kind() == ResourceKind.SYMLINK) {
          continue;
        }
        Path file = dir.resolve(entry.path()).normalize();
        if (!file.startsWith(dir)) {
          throw new RenderException(entry.path(), 0, "leaves the checkout");
        }
        Files.createDirectories(file.getParent(), DIRECTORY);
        budget.take(entry.path(), git.blobSize(source, entry.blob()));
        // Never executable, whatever Git says: the checkout is read by the command, not run.
        Files.write(
            Files.createFile(file, FILE),
            git.readBlob(source, entry.blob()),
            StandardOpenOption.WRITE);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write the checkout to render: " + e.getMessage(), e);
    }
  }

  private byte[] run(
      CommandSpec command,
      List<String> argv,
      Duration timeout,
      Path checkout,
      Environment environment) {
    String shown = String.join(" ", command.argv());
    ProcessResult result =
        LocalProcesses.run(
            new ProcessSpec(
                "render",
                argv,
                checkout,
                Map.of(
                    "PATH",
                    commands.searchPathVariable(),
                    "DRIFTLESS_ENVIRONMENT",
                    environment.name().value()),
                timeout,
                OutputCapture.head(ManifestParser.MAX_CODE_POINTS),
                OutputCapture.tail(STDERR_LIMIT)));
    switch (result.ending()) {
      case NOT_STARTED ->
          throw new CommandRenderException(
              shown,
              ProcessResult.NOT_STARTED,
              "render command `" + shown + "` could not start: " + result.startFailure());
      case INTERRUPTED ->
          throw new CommandRenderException(
              shown, -1, "render command `" + shown + "` was interrupted");
      case TIMED_OUT ->
          throw new CommandRenderException(
              shown,
              -1,
              "render command `"
                  + shown
                  + "` timed out after "
                  + timeout.toMillis()
                  + " ms"
                  + tail(result.stderr()));
      case EXITED -> {}
    }
    int exit = result.exitCode();
    if (exit != 0) {
      LOG.warn("render command `{}` exited {}", shown, exit);
      throw new CommandRenderException(
          shown, exit, "render command `" + shown + "` exited " + exit + tail(result.stderr()));
    }
    if (result.stdout().overflowed()) {
      throw new CommandRenderException(
          shown,
          exit,
          "render command `"
              + shown
              + "` printed more than "
              + ManifestParser.MAX_CODE_POINTS
              + " bytes, the limit for manifests");
    }
    return result.stdout().bytes();
  }

  private static String tail(BoundedOutput stderr) {
    String text = stderr.text().strip();
    return text.isEmpty() ? " (no standard error)" : ": " + text;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove render checkout {}: {}", dir, e.getMessage());
    }
  }
}
