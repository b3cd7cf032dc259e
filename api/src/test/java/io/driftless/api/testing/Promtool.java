package io.driftless.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus's promtool and asserts that it succeeds; .ci/run installs it (Debian package
 * prometheus). Without promtool the test is skipped with a message, except under {@code CI=true}.
 */
public final class Promtool {
  private Promtool() {}

  /** Runs {@code promtool <args>} in {@code dir}; returns its output. */
  public static String check(Path dir, String... args) {
    return run(command(args).directory(dir.toFile()));
  }

  /**
   * {@code promtool check metrics} of an exposition, kept as {@code file} for a failure's reader.
   */
  public static String checkMetrics(Path file, String exposition) {
    try {
      Files.writeString(file, exposition);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return run(command("check", "metrics").redirectInput(file.toFile()));
  }

  private static ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private static String run(ProcessBuilder command) {
    try {
      Process process = command.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue())
          .as(String.join(" ", command.command()) + ":\n" + out)
          .isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String message = "promtool is not installed (apt-get install prometheus): not checked";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
    return null;
  }
}
