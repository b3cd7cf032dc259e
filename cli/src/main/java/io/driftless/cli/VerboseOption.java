package io.driftless.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose} for the commands that run the server rather than talk to it: {@link Failures}
 * then prints an error's stack trace after its one line.
 */
final class VerboseOption {
  @Option(names = "--verbose", description = "Show the cause of an error with its stack trace.")
  boolean verbose;
}
