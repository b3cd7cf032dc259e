package io.driftless.api.testing;

import io.driftless.engine.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Prometheus's promtool and fails the test unless it succeeds; .ci/run installs it (Debian
 * package prometheus). Without promtool the test is skipped with a message, except under {@code
 * CI=true}.
 */
public final class Promtool {
  private Promtool() {}

  /** Runs {@code promtool <args>} in {@code dir}; returns its output. */
  public static String check(Path dir, String... args) {
    return Processes.run(command(args).directory(dir.toFile()));
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
    return Processes.run(command("check", "metrics").redirectInput(file.toFile()));
  }

  private static ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
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
