package io.driftless.engine.target.directory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.process.LocalProcesses;
import io.driftless.engine.process.OutputCapture;
import io.driftless.engine.process.ProcessResult;
import io.driftless.engine.process.ProcessSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an admin-configured command, as its {@link io.driftless.engine.process.CommandPolicy}
 * resolved it, in its own empty {@code HOME} (never the target root, where repository content
 * lives) with a fixed environment, a timeout that kills the whole process tree, and bounded, merged
 * output (its tail: the error is what an operator needs).
 */
final class CommandRunner {
  static final int OUTPUT_LIMIT = 64 * 1024;

  private final Map<String, String> environment;

  CommandRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  CommandResult run(String name, List<String> argv, Duration timeout) {
    ProcessResult result =
        LocalProcesses.run(
            ProcessSpec.merged(
                name, argv, null, environment, timeout, OutputCapture.tail(OUTPUT_LIMIT)));
    String output = result.stdout().text();
    return switch (result.ending()) {
      case NOT_STARTED ->
          new CommandResult(
              name,
              result.exitCode(),
              false,
              result.duration(),
              "could not start: " + result.startFailure());
      case INTERRUPTED ->
          new CommandResult(name, -1, false, result.duration(), output + "\n[interrupted]");
      case TIMED_OUT -> new CommandResult(name, -1, true, result.duration(), output);
      case EXITED -> new CommandResult(name, result.exitCode(), false, result.duration(), output);
    };
  }
}
