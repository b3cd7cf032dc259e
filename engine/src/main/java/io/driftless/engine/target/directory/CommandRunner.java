package io.driftless.engine.target.directory;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.process.LocalProcesses;
import io.driftless.engine.process.OutputCapture;
import io.driftless.engine.process.ProcessResult;
import io.driftless.engine.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs an admin-configured command in a directory with a fixed environment, a timeout that kills
 * the whole process tree, and bounded, merged output (its tail: the error is what an operator
 * needs).
 */
final class CommandRunner {
  static final int OUTPUT_LIMIT = 64 * 1024;

  private final Path workingDirectory;
  private final Map<String, String> environment;

  CommandRunner(Path workingDirectory, Map<String, String> environment) {
    this.workingDirectory = workingDirectory;
    this.environment = Map.copyOf(environment);
  }

  CommandResult run(String name, CommandSpec spec, Duration timeout) {
    ProcessResult result =
        LocalProcesses.run(
            ProcessSpec.merged(
                name,
                spec.processArgv(),
                workingDirectory,
                environment,
                timeout,
                OutputCapture.tail(OUTPUT_LIMIT)));
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
