package io.driftless.engine.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process to start on this host. Nothing of the server's own environment (credentials, tokens) is
 * inherited: {@code environment} is all the process gets, and {@code HOME} is always a fresh empty
 * directory of its own, removed when it ends. Standard input is empty.
 *
 * @param name what the process is for, in logs and thread names (e.g. {@code postApply})
 * @param argv the program and its arguments
 * @param directory the working directory; null for its fresh {@code HOME}, where nothing from a
 *     target or a repository is
 * @param environment every variable the process sees, besides {@code HOME}
 * @param timeout after which the whole process tree is killed
 * @param stdout how much of standard output to keep
 * @param stderr how much of standard error to keep; absent to merge it into standard output
 */
public record ProcessSpec(
    String name,
    List<String> argv,
    Path directory,
    Map<String, String> environment,
    Duration timeout,
    OutputCapture stdout,
    OutputCapture stderr) {

  public ProcessSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a process needs a name");
    }
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a process needs a program to run");
    }
    environment = Map.copyOf(environment);
    if (environment.containsKey("HOME")) {
      throw new IllegalArgumentException("a process always gets a fresh HOME of its own");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a process needs a positive timeout");
    }
    if (stdout == null) {
      throw new IllegalArgumentException("how much standard output to keep is required");
    }
  }

  /** A process whose standard error is merged into its standard output. */
  public static ProcessSpec merged(
      String name,
      List<String> argv,
      Path directory,
      Map<String, String> environment,
      Duration timeout,
      OutputCapture output) {
    return new ProcessSpec(name, argv, directory, environment, timeout, output, null);
  }

  boolean mergesStandardError() {
    return stderr == null;
  }
}
