package io.driftless.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar this module builds, run as an operator runs it: a child JVM in its own working
 * directory. Failsafe runs after {@code package}, so integration tests find the jar built.
 */
public final class DriftlessJar {
  private DriftlessJar() {}

  /** The shaded jar under {@code target/}. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("basedir", "."), "target", "driftless.jar");
    assertThat(jar).as("the runnable jar; build it with the package phase").isRegularFile();
    return jar.toAbsolutePath();
  }

  /** {@code java -jar driftless.jar args...} with a small heap, as a process builder. */
  public static ProcessBuilder command(Path workDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    return builder;
  }

  /** One finished invocation: its exit code, standard output and standard error. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs a command that ends by itself, within {@code timeout}. */
  public static Result run(Path workDir, Duration timeout, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process process =
        command(workDir, Map.of(), args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          String.join(" ", args) + " still running after " + timeout + ":\n" + read(out, err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String read(Path out, Path err) throws IOException {
    return Files.readString(out) + Files.readString(err);
  }
}
